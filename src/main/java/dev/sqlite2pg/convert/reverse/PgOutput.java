package dev.sqlite2pg.convert.reverse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's text output of times of day and intervals, read back (the session runs with
 * DateStyle ISO and the default IntervalStyle postgres): '14:30:00.25', '14:30:00+05:30', '1 year 2
 * mons -3 days +04:05:06.5'. Null when the text is not in that form.
 */
final class PgOutput {

  private static final Pattern CLOCK =
      Pattern.compile(
          "(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?(?:([+-])(\\d{2})(?::(\\d{2}))?(:\\d{2})?)?");

  private static final Pattern INTERVAL_CLOCK =
      Pattern.compile("([+-])?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");

  private PgOutput() {}

  /**
   * {micros since midnight, offset east of UTC in seconds}; null if not a time (or an offset with
   * seconds).
   */
  static long[] clock(String t) {
    Matcher m = CLOCK.matcher(t);
    if (!m.matches() || m.group(8) != null) {
      return null;
    }
    long micros =
        ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60
                    + Long.parseLong(m.group(3)))
                * 1_000_000L
            + fraction(m.group(4));
    long east = 0;
    if (m.group(5) != null) {
      east =
          Long.parseLong(m.group(6)) * 3600
              + (m.group(7) == null ? 0 : Long.parseLong(m.group(7)) * 60);
      east = m.group(5).equals("-") ? -east : east;
    }
    return new long[] {micros, east};
  }

  /** {months, days, micros} of interval_out's postgres style; null if not one. */
  static long[] interval(String t) {
    long months = 0;
    long days = 0;
    long micros = 0;
    String[] tokens = t.split(" ");
    int i = 0;
    try {
      while (i + 1 < tokens.length || (i < tokens.length && !tokens[i].contains(":"))) {
        long n = Long.parseLong(tokens[i]);
        switch (tokens[i + 1]) {
          case "year", "years" -> months = Math.addExact(months, Math.multiplyExact(n, 12));
          case "mon", "mons" -> months = Math.addExact(months, n);
          case "day", "days" -> days = n;
          default -> {
            return null;
          }
        }
        i += 2;
      }
      if (i < tokens.length) {
        Matcher m = INTERVAL_CLOCK.matcher(tokens[i]);
        if (!m.matches()) {
          return null;
        }
        long secs =
            Math.addExact(
                Math.multiplyExact(Long.parseLong(m.group(2)), 3600),
                Long.parseLong(m.group(3)) * 60 + Long.parseLong(m.group(4)));
        micros = Math.addExact(Math.multiplyExact(secs, 1_000_000L), fraction(m.group(5)));
        micros = "-".equals(m.group(1)) ? -micros : micros;
      }
    } catch (NumberFormatException | ArithmeticException | ArrayIndexOutOfBoundsException e) {
      return null;
    }
    return new long[] {months, days, micros};
  }

  private static long fraction(String digits) {
    if (digits == null) {
      return 0;
    }
    long v = Long.parseLong(digits);
    for (int k = digits.length(); k < 6; k++) {
      v *= 10;
    }
    return v;
  }
}
