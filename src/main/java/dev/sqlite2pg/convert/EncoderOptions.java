package dev.sqlite2pg.convert;

import java.util.Objects;
import java.util.Optional;

/**
 * What the type planner learned about a column that its values alone do not say.
 *
 * @param epochUnit the unit of numbers in a time column; empty refuses numbers there, which is
 *     right when the column mixes magnitudes (see {@link EpochUnit#unitFor(long, long)})
 * @param julianDay numbers in a time column are Julian day numbers (SQLite's julianday())
 * @param sourceZone the zone of text times without an offset, read into timestamptz ({@code
 *     --source-timezone}; SQLite's own datetime('now') writes UTC, the default)
 * @param intervalUnit the unit of plain numbers in an interval column; empty refuses them, since a
 *     number alone does not say whether it counts seconds or microseconds (Django's DurationField
 *     on SQLite is bigint microseconds: set it with {@link #withIntervalUnit})
 * @param datedFrom the date from which an ORM counts a time of day or a duration it writes as a
 *     datetime: Rails stores a time column as '2000-01-01 07:30:00', SQLAlchemy an Interval on
 *     SQLite as the datetime 1970-01-01 plus the duration; empty reads no datetime there
 */
public record EncoderOptions(
    Optional<EpochUnit> epochUnit,
    boolean julianDay,
    java.time.ZoneId sourceZone,
    Optional<IntervalUnit> intervalUnit,
    Optional<java.time.LocalDate> datedFrom) {

  /** Numbers are Unix epoch seconds, as SQLite's strftime('%s') and unixepoch() give them. */
  public static final EncoderOptions DEFAULT =
      new EncoderOptions(Optional.of(EpochUnit.SECONDS), false);

  public EncoderOptions {
    Objects.requireNonNull(epochUnit, "No epoch unit provided; use Optional.empty() for none");
    Objects.requireNonNull(sourceZone, "No source time zone provided");
    Objects.requireNonNull(
        intervalUnit, "No interval unit provided; use Optional.empty() for none");
    Objects.requireNonNull(datedFrom, "No anchor date provided; use Optional.empty() for none");
  }

  public EncoderOptions(
      Optional<EpochUnit> epochUnit,
      boolean julianDay,
      java.time.ZoneId sourceZone,
      Optional<IntervalUnit> intervalUnit) {
    this(epochUnit, julianDay, sourceZone, intervalUnit, Optional.empty());
  }

  public EncoderOptions(Optional<EpochUnit> epochUnit, boolean julianDay) {
    this(epochUnit, julianDay, java.time.ZoneOffset.UTC, Optional.empty());
  }

  public EncoderOptions(Optional<EpochUnit> epochUnit, boolean julianDay, java.time.ZoneId zone) {
    this(epochUnit, julianDay, zone, Optional.empty());
  }

  public EncoderOptions withZone(java.time.ZoneId zone) {
    return new EncoderOptions(epochUnit, julianDay, zone, intervalUnit, datedFrom);
  }

  /** These options, reading plain numbers in an interval column in {@code unit}. */
  public EncoderOptions withIntervalUnit(IntervalUnit unit) {
    return new EncoderOptions(epochUnit, julianDay, sourceZone, Optional.of(unit), datedFrom);
  }

  /** These options, reading datetimes in time and interval columns as counted from {@code day}. */
  public EncoderOptions withDatedFrom(java.time.LocalDate day) {
    return new EncoderOptions(epochUnit, julianDay, sourceZone, intervalUnit, Optional.of(day));
  }

  /** These options, reading numbers in time columns in {@code unit}. */
  public EncoderOptions withEpochUnit(EpochUnit unit) {
    return new EncoderOptions(Optional.of(unit), false, sourceZone, intervalUnit, datedFrom);
  }

  public static EncoderOptions epoch(EpochUnit unit) {
    return new EncoderOptions(Optional.of(unit), false);
  }

  public static EncoderOptions julianDays() {
    return new EncoderOptions(Optional.empty(), true);
  }
}
