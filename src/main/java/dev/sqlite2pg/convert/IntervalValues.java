package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Durations for interval columns, as PostgreSQL's interval_send gives them: microseconds, days and
 * months, kept apart exactly as PostgreSQL's input keeps them ('36 hours' stays 36 hours of
 * microseconds, '1 day' stays a day: PostgreSQL does not normalise an interval on input, so verify
 * compares the three fields byte for byte).
 *
 * <p>Accepted: ISO-8601 durations ("P1DT2H30M", "PT0.5S", "-P1D"), PostgreSQL's own output ("1 day
 * 02:00:00", "-00:00:01.5", "3 mons 2 days", "-1 days +02:03:00"), Python's str(timedelta) ("1 day,
 * 2:00:00"), "HH:MM[:SS[.ffffff]]", "N unit ..." with PostgreSQL's unit words, and numbers (plain
 * integers, or digits as text) in a unit the plan states ({@link EncoderOptions#intervalUnit()}).
 * Anything finer than a microsecond is refused, never rounded.
 */
final class IntervalValues {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private IntervalValues() {}

  /** {months, days, micros}. */
  static long[] of(SourceRow row, int col, EncoderOptions opts, int precision)
      throws ConversionException {
    long[] v =
        switch (row.type(col)) {
          case SourceRow.INTEGER -> number(row.getLong(col), row, col, opts);
          case SourceRow.FLOAT -> real(row.getDouble(col), row, col, opts);
          case SourceRow.TEXT -> text(row, col, opts);
          default ->
              throw new ConversionException(Describe.value(row, col) + " is not an interval");
        };
    ClockValues.requirePrecision(v[2], precision, row, col, "interval");
    return v;
  }

  private static long[] number(long n, SourceRow row, int col, EncoderOptions opts)
      throws ConversionException {
    IntervalUnit unit = unit(row, col, opts);
    try {
      return new long[] {0, 0, Math.multiplyExact(n, unit.micros())};
    } catch (ArithmeticException e) {
      throw new ConversionException(
          Describe.value(row, col) + " " + unit.sqlName() + " is out of range for interval");
    }
  }

  private static long[] real(double d, SourceRow row, int col, EncoderOptions opts)
      throws ConversionException {
    IntervalUnit unit = unit(row, col, opts);
    double micros = d * unit.micros();
    if (micros != Math.rint(micros) || Math.abs(micros) >= 0x1p62) {
      throw new ConversionException(
          Describe.value(row, col)
              + " "
              + unit.sqlName()
              + " is not a whole number of microseconds");
    }
    return new long[] {0, 0, (long) micros};
  }

  private static IntervalUnit unit(SourceRow row, int col, EncoderOptions opts)
      throws ConversionException {
    if (opts.intervalUnit().isEmpty()) {
      throw new ConversionException(
          Describe.value(row, col)
              + " is a number in an interval column whose unit is not stated; state it, e.g."
              + " --cast 'table.column=interval:microseconds' (Django's DurationField)");
    }
    return opts.intervalUnit().get();
  }

  private static long[] text(SourceRow row, int col, EncoderOptions opts)
      throws ConversionException {
    if (opts.datedFrom().isPresent() && DatedValues.dated(row, col)) {
      return new long[] {0, 0, DatedValues.since(row, col, opts.datedFrom().get())};
    }
    String s = new String(row.getBytes(col), StandardCharsets.UTF_8);
    if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')) {
      // Digits stored as text (an integer under TEXT affinity): a number, in the stated unit.
      try {
        return number(Long.parseLong(s), row, col, opts);
      } catch (NumberFormatException e) {
        throw new ConversionException(Describe.value(row, col) + " is not an interval");
      }
    }
    Acc a = new Acc();
    try {
      boolean ok =
          s.startsWith("P") || s.startsWith("-P")
              ? iso(s, a)
              : words(s.toLowerCase(Locale.ROOT), a);
      if (ok) {
        return new long[] {a.months, a.days, a.micros};
      }
    } catch (ArithmeticException e) {
      throw new ConversionException(Describe.value(row, col) + " is out of range for interval");
    } catch (Fine e) {
      throw new ConversionException(
          Describe.value(row, col) + " is finer than a microsecond, which interval would round");
    }
    throw new ConversionException(
        Describe.value(row, col)
            + " is not an interval (ISO 8601 like P1DT2H, '1 day 02:00:00', 'HH:MM:SS')");
  }

  /** The three fields being summed. */
  private static final class Acc {
    long months;
    long days;
    long micros;

    void negate() {
      months = -months;
      days = -days;
      micros = -micros;
    }
  }

  /** A value with digits below a microsecond: PostgreSQL would round it. */
  private static final class Fine extends Exception {
    private static final long serialVersionUID = 1L;

    Fine() {
      super(null, null, false, false);
    }
  }

  /** A signed decimal number: whole part and fraction digits as numerator over 10^scale. */
  private record Num(boolean negative, long whole, long fracNum, long fracDen) {

    static Num parse(String t) {
      int i = 0;
      boolean neg = false;
      if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        neg = t.charAt(i) == '-';
        i++;
      }
      int dot = t.indexOf('.', i);
      String w = dot < 0 ? t.substring(i) : t.substring(i, dot);
      String f = dot < 0 ? "" : t.substring(dot + 1);
      if ((w.isEmpty() && f.isEmpty())
          || !w.chars().allMatch(c -> c >= '0' && c <= '9')
          || !f.chars().allMatch(c -> c >= '0' && c <= '9')
          || w.length() > 18
          || f.length() > 18
          || (dot >= 0 && f.isEmpty())) {
        return null;
      }
      long den = 1;
      for (int k = 0; k < f.length(); k++) {
        den *= 10;
      }
      return new Num(
          neg, w.isEmpty() ? 0 : Long.parseLong(w), f.isEmpty() ? 0 : Long.parseLong(f), den);
    }
  }

  /**
   * Adds n units to a; a unit is months (scale months), days (days) or microseconds (micros). A
   * fraction spills down as PostgreSQL's input spills it: months to 30-day days, days to time.
   */
  private static void add(Acc a, Num n, long months, long days, long micros) throws Fine {
    long sign = n.negative() ? -1 : 1;
    a.months = Math.addExact(a.months, sign * Math.multiplyExact(n.whole(), months));
    a.days = Math.addExact(a.days, sign * Math.multiplyExact(n.whole(), days));
    a.micros = Math.addExact(a.micros, sign * Math.multiplyExact(n.whole(), micros));
    if (n.fracNum() == 0) {
      return;
    }
    // The fraction as days (30 per month, as PostgreSQL's DAYS_PER_MONTH) and what is left as
    // microseconds; a fraction of a year is only exact when it is whole months.
    long fracMonths = Math.multiplyExact(n.fracNum(), months);
    if (months == 12) {
      if (fracMonths % n.fracDen() != 0) {
        throw new Fine();
      }
      a.months = Math.addExact(a.months, sign * (fracMonths / n.fracDen()));
      return;
    }
    long fracDays =
        Math.addExact(Math.multiplyExact(fracMonths, 30), Math.multiplyExact(n.fracNum(), days));
    long wholeDays = fracDays / n.fracDen();
    long restNum = fracDays % n.fracDen();
    long restMicros =
        Math.addExact(
            Math.multiplyExact(restNum, MICROS_PER_DAY), Math.multiplyExact(n.fracNum(), micros));
    if (restMicros % n.fracDen() != 0) {
      throw new Fine();
    }
    a.days = Math.addExact(a.days, sign * wholeDays);
    a.micros = Math.addExact(a.micros, sign * (restMicros / n.fracDen()));
  }

  /** P[nY][nM][nW][nD][T[nH][nM][nS]], each n signed or fractional, "-P..." negating all. */
  private static boolean iso(String s, Acc a) throws Fine {
    boolean negateAll = s.startsWith("-");
    int i = negateAll ? 2 : 1;
    boolean time = false;
    boolean any = false;
    String order = "YMWD";
    int last = -1;
    while (i < s.length()) {
      if (s.charAt(i) == 'T' && !time) {
        time = true;
        order = "HMS";
        last = -1;
        i++;
        continue;
      }
      int j = i;
      while (j < s.length() && "+-.0123456789".indexOf(s.charAt(j)) >= 0) {
        j++;
      }
      Num n = Num.parse(s.substring(i, j));
      if (n == null || j == s.length()) {
        return false;
      }
      int pos = order.indexOf(s.charAt(j));
      if (pos <= last) {
        return false;
      }
      last = pos;
      switch ((time ? "T" : "") + s.charAt(j)) {
        case "Y" -> add(a, n, 12, 0, 0);
        case "M" -> add(a, n, 1, 0, 0);
        case "W" -> add(a, n, 0, 7, 0);
        case "D" -> add(a, n, 0, 1, 0);
        case "TH" -> add(a, n, 0, 0, 3_600_000_000L);
        case "TM" -> add(a, n, 0, 0, 60_000_000L);
        default -> add(a, n, 0, 0, 1_000_000L); // TS
      }
      any = true;
      i = j + 1;
    }
    if (negateAll) {
      a.negate();
    }
    return any;
  }

  /** "1 year 2 mons 3 days 04:05:06.789", "-1 days +02:03:00", "1 day, 2:00:00", "36 hours". */
  private static boolean words(String s, Acc a) throws Fine {
    String[] t = s.trim().split("\\s+");
    boolean any = false;
    boolean sawTime = false;
    boolean ago = false;
    for (int i = 0; i < t.length; i++) {
      String tok = t[i];
      if (tok.isEmpty()) {
        return false;
      }
      if (tok.equals("ago") && i == t.length - 1 && any) {
        ago = true;
      } else if (tok.indexOf(':') >= 0) {
        if (sawTime || !clock(tok, a)) {
          return false;
        }
        sawTime = true;
        any = true;
      } else {
        Num n = Num.parse(tok);
        if (n == null) {
          return false;
        }
        if (i + 1 < t.length && t[i + 1].indexOf(':') >= 0 && n.fracNum() == 0) {
          add(a, n, 0, 1, 0); // "1 02:00:00": a bare number before a time counts days
        } else if (i + 1 >= t.length || !unit(t[++i], n, a)) {
          return false;
        }
        any = true;
      }
    }
    if (ago) {
      a.negate();
    }
    return any;
  }

  private static boolean unit(String word, Num n, Acc a) throws Fine {
    String w = word.endsWith(",") ? word.substring(0, word.length() - 1) : word;
    switch (w) {
      case "microsecond", "microseconds", "us", "usec", "usecs" -> add(a, n, 0, 0, 1);
      case "millisecond", "milliseconds", "ms", "msec", "msecs" -> add(a, n, 0, 0, 1_000);
      case "second", "seconds", "sec", "secs", "s" -> add(a, n, 0, 0, 1_000_000L);
      case "minute", "minutes", "min", "mins", "m" -> add(a, n, 0, 0, 60_000_000L);
      case "hour", "hours", "hr", "hrs", "h" -> add(a, n, 0, 0, 3_600_000_000L);
      case "day", "days", "d" -> add(a, n, 0, 1, 0);
      case "week", "weeks", "w" -> add(a, n, 0, 7, 0);
      case "mon", "mons", "month", "months" -> add(a, n, 1, 0, 0);
      case "year", "years", "yr", "yrs", "y" -> add(a, n, 12, 0, 0);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** [+-]H+:MM[:SS[.ffffff]]: hours unbounded (PostgreSQL keeps '36:00:00' as 36 hours). */
  private static boolean clock(String tok, Acc a) throws Fine {
    boolean neg = tok.startsWith("-");
    String t = tok.startsWith("-") || tok.startsWith("+") ? tok.substring(1) : tok;
    String[] parts = t.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      return false;
    }
    if (parts[0].isEmpty()
        || parts[0].length() > 12
        || !parts[0].chars().allMatch(c -> c >= '0' && c <= '9')
        || !parts[1].matches("[0-5][0-9]")) {
      return false;
    }
    long micros =
        Math.addExact(
            Math.multiplyExact(Long.parseLong(parts[0]), 3_600_000_000L),
            Long.parseLong(parts[1]) * 60_000_000L);
    if (parts.length == 3) {
      if (!parts[2].matches("[0-5][0-9](\\.[0-9]+)?")) {
        return false;
      }
      String frac = parts[2].length() > 3 ? parts[2].substring(3) : "";
      if (frac.length() > 6) {
        throw new Fine();
      }
      micros += Long.parseLong(parts[2].substring(0, 2)) * 1_000_000L;
      if (!frac.isEmpty()) {
        micros += Long.parseLong((frac + "000000").substring(0, 6));
      }
    }
    a.micros = Math.addExact(a.micros, neg ? -micros : micros);
    return true;
  }
}
