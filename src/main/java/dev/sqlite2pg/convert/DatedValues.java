package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.time.LocalDate;

/**
 * Times of day and durations an ORM writes as a datetime counted from a fixed date: Rails' sqlite3
 * adapter stores a time column as '2000-01-01 07:30:00' (quoted_time), SQLAlchemy's Interval on a
 * backend without one stores the datetime 1970-01-01 plus the duration. Read only where the
 * framework was recognised ({@link EncoderOptions#datedFrom}).
 */
final class DatedValues {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private DatedValues() {}

  /** Text that starts with a date, YYYY-MM-DD. */
  static boolean dated(SourceRow row, int col) {
    if (row.type(col) != SourceRow.TEXT) {
      return false;
    }
    byte[] b = row.getBytes(col);
    return b.length >= 10 && b[4] == '-' && b[7] == '-';
  }

  /** Microseconds from midnight of {@code day} to the datetime the value is. */
  static long since(SourceRow row, int col, LocalDate day) throws ConversionException {
    long micros = TimeSource.timestampMicros(row, col, EncoderOptions.DEFAULT, false);
    return micros - day.toEpochDay() * MICROS_PER_DAY;
  }

  /** A time of day written on {@code day}; a datetime on another day is not one. */
  static long timeOfDay(SourceRow row, int col, LocalDate day) throws ConversionException {
    long micros = since(row, col, day);
    if (micros < 0 || micros > MICROS_PER_DAY) {
      throw new ConversionException(
          Describe.value(row, col)
              + " is not a time of day written on "
              + day
              + ", as the application's framework writes times");
    }
    return micros;
  }
}
