package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.util.List;

/**
 * The time rules per target type, shared by the encoders and {@link Canonical}: which source values
 * a date, timestamp or timestamptz column accepts and what instant each one means.
 */
final class TimeSource {

  private TimeSource() {}

  /**
   * Unix microseconds for a timestamp: for timestamptz the instant (zone-less text is UTC, as
   * SQLite's datetime('now') writes it); for timestamp the wall-clock time, which must not carry an
   * offset other than UTC, since dropping it would silently shift the value.
   */
  /**
   * A wall-clock time in the source's zone as an instant. A time the zone skips (a DST gap) or
   * shows twice (an overlap) has no single meaning: refused, never guessed.
   */
  private static long inZone(long localMicros, java.time.ZoneId zone, SourceRow row, int col)
      throws ConversionException {
    java.time.LocalDateTime t =
        java.time.LocalDateTime.ofEpochSecond(
            Math.floorDiv(localMicros, 1_000_000L),
            (int) Math.floorMod(localMicros, 1_000_000L) * 1000,
            java.time.ZoneOffset.UTC);
    List<java.time.ZoneOffset> offsets = zone.getRules().getValidOffsets(t);
    if (offsets.size() != 1) {
      throw new ConversionException(
          Describe.value(row, col)
              + (offsets.isEmpty() ? " does not exist in " : " happens twice in ")
              + zone
              + " (daylight saving time)");
    }
    return localMicros - offsets.get(0).getTotalSeconds() * 1_000_000L;
  }

  static long timestampMicros(SourceRow row, int col, EncoderOptions opts, boolean zoned)
      throws ConversionException {
    String target = zoned ? "timestamptz" : "timestamp";
    return switch (row.type(col)) {
      case SourceRow.TEXT -> {
        byte[] b = row.getBytes(col);
        if (digitsOnly(b)) {
          // '1655847091': int(time.time()) stored in a TEXT column (TEXT affinity keeps it as
          // text). Read as the integer it spells, in the column's epoch unit, as an integer is.
          long v = SourceValues.integerText(b, "an epoch number");
          yield opts.julianDay()
              ? TimeValues.julianDayToMicros(exactDouble(v, row, col))
              : TimeValues.epochToMicros(v, unit(opts, row, col, target));
        }
        TimeValues.Parsed p = TimeValues.parseText(b);
        if (!zoned && p.offsetSeconds() != 0) {
          throw new ConversionException(
              Describe.value(row, col)
                  + " has a zone offset, which a timestamp without time zone would drop;"
                  + " map the column to timestamptz");
        }
        yield !zoned
            ? p.localMicros()
            : p.shape() == TimeShape.ZONED_DATETIME || opts.sourceZone() == java.time.ZoneOffset.UTC
                ? p.instantMicros()
                : inZone(p.localMicros(), opts.sourceZone(), row, col);
      }
      case SourceRow.INTEGER -> {
        long v = row.getLong(col);
        if (opts.julianDay()) {
          yield TimeValues.julianDayToMicros(exactDouble(v, row, col));
        }
        yield TimeValues.epochToMicros(v, unit(opts, row, col, target));
      }
      case SourceRow.FLOAT -> {
        double v = row.getDouble(col);
        yield opts.julianDay()
            ? TimeValues.julianDayToMicros(v)
            : TimeValues.epochToMicros(v, unit(opts, row, col, target));
      }
      default -> throw new ConversionException(Describe.value(row, col) + " is not a time");
    };
  }

  /** 1 to 18 ASCII digits, nothing else: an epoch number written as text. */
  private static boolean digitsOnly(byte[] b) {
    if (b.length == 0 || b.length > 18) {
      return false;
    }
    for (byte x : b) {
      if (x < '0' || x > '9') {
        return false;
      }
    }
    return true;
  }

  /** Days since 1970-01-01; only date-only text is a date, anything else would be cut. */
  static long dateDays(SourceRow row, int col) throws ConversionException {
    if (row.type(col) == SourceRow.TEXT) {
      TimeValues.Parsed p = TimeValues.parseText(row.getBytes(col));
      if (p.shape() == TimeShape.DATE_ONLY) {
        return Math.floorDiv(p.localMicros(), 86_400_000_000L);
      }
    }
    throw new ConversionException(Describe.value(row, col) + " is not a date (YYYY-MM-DD)");
  }

  private static EpochUnit unit(EncoderOptions opts, SourceRow row, int col, String target)
      throws ConversionException {
    if (opts.epochUnit().isEmpty()) {
      throw new ConversionException(
          Describe.value(row, col)
              + " is a number in a "
              + target
              + " column whose numbers have no single epoch unit");
    }
    return opts.epochUnit().get();
  }

  private static double exactDouble(long v, SourceRow row, int col) throws ConversionException {
    if (Math.abs(v) > (1L << 53)) {
      throw new ConversionException(Describe.value(row, col) + " is not a Julian day");
    }
    return v;
  }
}
