package dev.sqlite2pg.convert;

import java.util.Locale;
import java.util.Optional;

/**
 * The unit of plain numbers loaded into an interval column. A number alone does not say it: Django
 * 3.2 stores a DurationField on SQLite as bigint microseconds (django/db/backends/sqlite3/base.py,
 * data_types), other applications store seconds or milliseconds. The names are PostgreSQL's own
 * interval units ({@code '90 seconds'::interval}, {@code extract(microseconds FROM ...)}).
 */
public enum IntervalUnit {
  MICROSECONDS(1L),
  MILLISECONDS(1_000L),
  SECONDS(1_000_000L);

  private final long micros;

  IntervalUnit(long micros) {
    this.micros = micros;
  }

  /** Microseconds in one unit. */
  public long micros() {
    return micros;
  }

  /** The lower-case name a user writes: "microseconds", "milliseconds", "seconds". */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "microseconds" (also "microsecond", "us"), "milliseconds" ("ms"), "seconds" ("s"). */
  public static Optional<IntervalUnit> parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "microseconds", "microsecond", "us" -> Optional.of(MICROSECONDS);
      case "milliseconds", "millisecond", "ms" -> Optional.of(MILLISECONDS);
      case "seconds", "second", "s" -> Optional.of(SECONDS);
      default -> Optional.empty();
    };
  }
}
