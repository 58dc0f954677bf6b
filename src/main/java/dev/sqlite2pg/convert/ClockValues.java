package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;

/**
 * Times of day for time and timetz columns, from the text Django 3.2's TimeField writes on SQLite
 * ({@code time.isoformat()}: "14:30:00", "14:30:00.250000") and what other applications write
 * ("14:30", "9:05:00+02:00"). The zone of timetz is PostgreSQL's: seconds WEST of UTC, so "+02:00"
 * is -7200; text without an offset is UTC, as SQLite's own time('now') writes it.
 */
final class ClockValues {

  static final long MICROS_PER_DAY = 86_400_000_000L;

  /** PostgreSQL's timetz allows offsets up to 15:59:59 (TZDISP_LIMIT in datetime.h). */
  private static final int MAX_OFFSET_SECONDS = 15 * 3600 + 59 * 60 + 59;

  private ClockValues() {}

  /** Microseconds since midnight, 0 to 24:00:00 inclusive; a zone is refused for time. */
  static long time(SourceRow row, int col, int precision) throws ConversionException {
    long[] t = parse(row, col, "time", precision);
    if (t[1] != 0) {
      throw new ConversionException(
          Describe.value(row, col)
              + " has a zone offset, which time without time zone would drop; use timetz");
    }
    return t[0];
  }

  /** {micros since midnight, zone in seconds west of UTC}. */
  static long[] timetz(SourceRow row, int col, int precision) throws ConversionException {
    return parse(row, col, "timetz", precision);
  }

  private static long[] parse(SourceRow row, int col, String target, int precision)
      throws ConversionException {
    if (row.type(col) != SourceRow.TEXT) {
      throw notATime(row, col, target);
    }
    byte[] b = row.getBytes(col);
    int[] p = {0};
    int h = digits(b, p, 1, 2);
    if (h < 0 || !expect(b, p, ':')) {
      throw notATime(row, col, target);
    }
    int m = digits(b, p, 2, 2);
    int s = 0;
    long frac = 0;
    if (m >= 0 && p[0] < b.length && b[p[0]] == ':') {
      p[0]++;
      s = digits(b, p, 2, 2);
      if (s >= 0 && p[0] < b.length && b[p[0]] == '.') {
        p[0]++;
        int start = p[0];
        frac = fraction(b, p);
        if (frac < 0) {
          throw new ConversionException(
              Describe.value(row, col)
                  + " has more than 6 fractional digits of seconds, which "
                  + target
                  + " would round");
        }
        if (p[0] == start) {
          throw notATime(row, col, target);
        }
      }
    }
    int west = 0;
    if (p[0] < b.length) {
      west = offset(b, p);
    }
    if (m < 0 || s < 0 || p[0] != b.length || west == Integer.MIN_VALUE) {
      throw notATime(row, col, target);
    }
    long micros = ((h * 60L + m) * 60 + s) * 1_000_000L + frac;
    if (h > 24 || m > 59 || s > 59 || micros > MICROS_PER_DAY) {
      throw new ConversionException(
          Describe.value(row, col) + " is not a time of day (00:00:00 to 24:00:00)");
    }
    requirePrecision(micros, precision, row, col, target);
    return new long[] {micros, west};
  }

  /**
   * A column declared time(0) rounds fractions away on input; the value is refused instead, so
   * nothing is lost without a word.
   */
  static void requirePrecision(long micros, int precision, SourceRow row, int col, String target)
      throws ConversionException {
    if (precision < 6 && micros % POW10[6 - precision] != 0) {
      throw new ConversionException(
          Describe.value(row, col)
              + " has more fractional digits than "
              + target
              + "("
              + precision
              + ") keeps");
    }
  }

  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  /** "Z", "+02", "+0200", "+02:00", "-05:30": seconds WEST of UTC, or MIN_VALUE. */
  private static int offset(byte[] b, int[] p) {
    byte c = b[p[0]];
    if (c == 'Z' && p[0] + 1 == b.length) {
      p[0]++;
      return 0;
    }
    if (c != '+' && c != '-') {
      return Integer.MIN_VALUE;
    }
    p[0]++;
    int h = digits(b, p, 2, 2);
    int m = 0;
    if (p[0] < b.length) {
      if (b[p[0]] == ':') {
        p[0]++;
      }
      m = digits(b, p, 2, 2);
    }
    int east = h * 3600 + m * 60;
    if (h < 0 || m < 0 || m > 59 || east > MAX_OFFSET_SECONDS) {
      return Integer.MIN_VALUE;
    }
    return c == '+' ? -east : east;
  }

  /** Between min and max ASCII digits at p as a number, or -1. */
  static int digits(byte[] b, int[] p, int min, int max) {
    int v = 0;
    int n = 0;
    while (p[0] < b.length && n < max && b[p[0]] >= '0' && b[p[0]] <= '9') {
      v = v * 10 + (b[p[0]++] - '0');
      n++;
    }
    return n >= min ? v : -1;
  }

  /** 1 to 6 digits as microseconds; -1 for more than 6 (which PostgreSQL would round). */
  static long fraction(byte[] b, int[] p) {
    long v = 0;
    int n = 0;
    while (p[0] < b.length && b[p[0]] >= '0' && b[p[0]] <= '9') {
      if (n == 6) {
        return -1;
      }
      v = v * 10 + (b[p[0]++] - '0');
      n++;
    }
    return v * POW10[6 - n];
  }

  private static boolean expect(byte[] b, int[] p, char c) {
    if (p[0] < b.length && b[p[0]] == c) {
      p[0]++;
      return true;
    }
    return false;
  }

  private static ConversionException notATime(SourceRow row, int col, String target) {
    return new ConversionException(
        Describe.value(row, col)
            + " is not a "
            + target
            + " (HH:MM[:SS[.ffffff]]"
            + (target.equals("timetz") ? "[+HH:MM]" : "")
            + ")");
  }
}
