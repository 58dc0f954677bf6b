package dev.sqlite2pg.convert;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Points in time as SQLite applications store them, read exactly into microseconds since the Unix
 * epoch: ISO-8601 text (what date() and datetime() produce), Unix epoch numbers and Julian day
 * numbers (julianday()). Anything that would have to be rounded or guessed is refused with a
 * reason.
 */
public final class TimeValues {

  /** 2000-01-01T00:00Z, PostgreSQL's epoch, in Unix microseconds. */
  public static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  /** 2000-01-01 in days since 1970-01-01. */
  public static final int PG_EPOCH_DAYS = 10_957;

  /** PostgreSQL's MIN_TIMESTAMP (4714-11-24 BC) in Unix microseconds. */
  private static final long MIN_MICROS = -211_813_488_000_000_000L + PG_EPOCH_MICROS;

  /** PostgreSQL's END_TIMESTAMP (294277-01-01, exclusive) in PostgreSQL-epoch microseconds. */
  private static final long PG_END_MICROS = 9_223_371_331_200_000_000L;

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Julian day 2440587.5 is 1970-01-01T00:00Z; this is that many days in microseconds. */
  private static final BigDecimal JD_UNIX_EPOCH_MICROS = new BigDecimal("210866760000000000");

  private static final BigDecimal JD_UNIX_EPOCH = new BigDecimal("2440587.5");
  private static final BigDecimal BD_MICROS_PER_DAY = BigDecimal.valueOf(MICROS_PER_DAY);
  private static final MathContext JD_BACK = new MathContext(40, RoundingMode.HALF_EVEN);

  private TimeValues() {}

  /**
   * A parsed ISO-8601 text.
   *
   * @param shape DATE_ONLY, LOCAL_DATETIME or ZONED_DATETIME
   * @param localMicros the wall-clock time read as if it were UTC
   * @param offsetSeconds the zone offset written in the text (0 when there is none)
   */
  public record Parsed(TimeShape shape, long localMicros, int offsetSeconds) {
    /** The instant: the wall-clock time minus its offset; zone-less text counts as UTC. */
    public long instantMicros() {
      return localMicros - offsetSeconds * 1_000_000L;
    }
  }

  /** How {@code utf8} reads as a time, without throwing. */
  public static TimeShape shapeOfText(byte[] utf8) {
    Iso iso = new Iso(utf8);
    return iso.parse() == null ? iso.shape : TimeShape.NOT_A_TIME;
  }

  /** Parses ISO-8601 text or says why it is not one. */
  public static Parsed parseText(byte[] utf8) throws ConversionException {
    Iso iso = new Iso(utf8);
    String error = iso.parse();
    if (error != null) {
      throw new ConversionException(
          "text " + Describe.bytesAsText(utf8) + " is not an ISO-8601 date or time: " + error);
    }
    long days = daysFromCivil(iso.year, iso.month, iso.day);
    long micros =
        days * MICROS_PER_DAY
            + ((iso.hour * 60L + iso.minute) * 60L + iso.second) * 1_000_000L
            + iso.micros;
    return new Parsed(iso.shape, micros, iso.offsetSeconds);
  }

  /** An integer epoch value in {@code unit} as Unix microseconds. */
  public static long epochToMicros(long v, EpochUnit unit) throws ConversionException {
    long micros;
    try {
      micros = Math.multiplyExact(v, unit.micros());
    } catch (ArithmeticException e) {
      throw outOfRange("integer " + v + " (epoch " + unitName(unit) + ")");
    }
    return checkRange(micros, "integer " + v + " (epoch " + unitName(unit) + ")");
  }

  /**
   * A REAL epoch value in {@code unit} as Unix microseconds, accepted only when it names a whole
   * microsecond and that microsecond converts back to the very same double.
   */
  public static long epochToMicros(double v, EpochUnit unit) throws ConversionException {
    String what = "real " + SqliteText.ofDouble(v) + " (epoch " + unitName(unit) + ")";
    if (!Double.isFinite(v)) {
      throw new ConversionException(what + " is not a point in time");
    }
    BigDecimal scaled =
        new BigDecimal(Double.toString(v))
            .movePointRight(unit.fractionDigits())
            .stripTrailingZeros();
    if (scaled.scale() > 0) {
      throw new ConversionException(what + " is not a whole number of microseconds");
    }
    if (scaled.precision() - scaled.scale() > 18) {
      throw outOfRange(what);
    }
    long micros = scaled.longValueExact();
    double back = BigDecimal.valueOf(micros).movePointLeft(unit.fractionDigits()).doubleValue();
    if (Double.doubleToRawLongBits(back) != Double.doubleToRawLongBits(v)) {
      throw new ConversionException(what + " does not convert to microseconds and back exactly");
    }
    return checkRange(micros, what);
  }

  /**
   * A Julian day number (SQLite's julianday()) as Unix microseconds, accepted only when the nearest
   * microsecond converts back to the very same double. A double near 2.46e6 days is about 40 µs
   * coarse, so real julianday() values pass, and the microsecond determines them.
   */
  public static long julianDayToMicros(double jd) throws ConversionException {
    String what = "real " + SqliteText.ofDouble(jd) + " (Julian day)";
    if (!Double.isFinite(jd) || jd < 0 || jd > 1e8) {
      throw outOfRange(what);
    }
    long micros =
        new BigDecimal(jd)
            .subtract(JD_UNIX_EPOCH)
            .multiply(BD_MICROS_PER_DAY)
            .setScale(0, RoundingMode.HALF_EVEN)
            .longValueExact();
    if (Double.doubleToRawLongBits(microsToJulianDay(micros)) != Double.doubleToRawLongBits(jd)) {
      throw new ConversionException(what + " does not convert to microseconds and back exactly");
    }
    return checkRange(micros, what);
  }

  /** The Julian day nearest to Unix microseconds {@code micros}. */
  public static double microsToJulianDay(long micros) {
    return BigDecimal.valueOf(micros)
        .add(JD_UNIX_EPOCH_MICROS)
        .divide(BD_MICROS_PER_DAY, JD_BACK)
        .doubleValue();
  }

  /** Unix microseconds to PostgreSQL's, or a reason when PostgreSQL cannot hold the time. */
  public static long toPgMicros(long unixMicros, String what) throws ConversionException {
    return checkRange(unixMicros, what) - PG_EPOCH_MICROS;
  }

  private static long checkRange(long unixMicros, String what) throws ConversionException {
    if (unixMicros < MIN_MICROS || unixMicros - PG_EPOCH_MICROS >= PG_END_MICROS) {
      throw outOfRange(what);
    }
    return unixMicros;
  }

  private static ConversionException outOfRange(String what) {
    return new ConversionException(
        what + " is outside PostgreSQL's timestamp range (4713 BC to 294276 AD)");
  }

  private static String unitName(EpochUnit unit) {
    return switch (unit) {
      case SECONDS -> "seconds";
      case MILLIS -> "milliseconds";
      case MICROS -> "microseconds";
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }

  static boolean isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /**
   * A hand-written reader for YYYY-MM-DD[( |T)HH:MM[:SS[.fffffff]]][Z|(+|-)HH[[:]MM]]. It runs once
   * per value, so it returns a reason instead of throwing and needs no regex.
   */
  private static final class Iso {
    private final byte[] b;
    private int pos;
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int micros;
    int offsetSeconds;
    TimeShape shape;

    Iso(byte[] b) {
      this.b = b;
    }

    /** Null on success, else what is wrong. */
    String parse() {
      year = digits(4);
      if (year < 0 || !expect('-')) {
        return "expected YYYY-MM-DD";
      }
      month = digits(2);
      if (month < 0 || !expect('-')) {
        return "expected YYYY-MM-DD";
      }
      day = digits(2);
      if (day < 0) {
        return "expected YYYY-MM-DD";
      }
      if (year < 1) {
        return "year 0000 does not exist";
      }
      if (month < 1 || month > 12) {
        return "month " + month + " does not exist";
      }
      if (day < 1 || day > daysInMonth(year, month)) {
        return "day " + day + " does not exist in month " + month + " of " + year;
      }
      if (pos == b.length) {
        shape = TimeShape.DATE_ONLY;
        return null;
      }
      if (!expect(' ') && !expect('T')) {
        return "unexpected character after the date";
      }
      String error = parseTime();
      if (error != null) {
        return error;
      }
      shape = TimeShape.LOCAL_DATETIME;
      if (pos == b.length) {
        return null;
      }
      error = parseZone();
      if (error == null && pos != b.length) {
        error = "unexpected character after the time";
      }
      return error;
    }

    private String parseTime() {
      hour = digits(2);
      if (hour < 0 || !expect(':') || (minute = digits(2)) < 0) {
        return "expected HH:MM after the date";
      }
      if (expect(':')) {
        second = digits(2);
        if (second < 0) {
          return "expected seconds as SS";
        }
        if (expect('.')) {
          String error = parseFraction();
          if (error != null) {
            return error;
          }
        }
      }
      if (hour > 23 || minute > 59 || second > 59) {
        return "time of day out of range";
      }
      return null;
    }

    /** Up to 6 digits are microseconds; further digits must be zeros, or we would round. */
    private String parseFraction() {
      int n = 0;
      int value = 0;
      while (pos < b.length && isDigit(b[pos])) {
        int digit = b[pos++] - '0';
        if (n < 6) {
          value = value * 10 + digit;
        } else if (digit != 0) {
          return "fraction of a second finer than a microsecond";
        }
        n++;
      }
      if (n == 0) {
        return "expected digits after the decimal point";
      }
      for (int k = n; k < 6; k++) {
        value *= 10;
      }
      micros = value;
      return null;
    }

    private String parseZone() {
      if (expect('Z') || expect('z')) {
        shape = TimeShape.ZONED_DATETIME;
        return null;
      }
      int sign = expect('+') ? 1 : expect('-') ? -1 : 0;
      if (sign == 0) {
        return "unexpected character after the time";
      }
      int hh = digits(2);
      if (hh < 0) {
        return "expected a zone offset as +HH, +HHMM or +HH:MM";
      }
      int mm = 0;
      if (pos < b.length) {
        boolean colon = expect(':');
        mm = digits(2);
        if (mm < 0) {
          return colon ? "expected minutes in the zone offset" : "unexpected character";
        }
      }
      if (hh > 15 || mm > 59) {
        return "zone offset out of range";
      }
      offsetSeconds = sign * (hh * 3600 + mm * 60);
      shape = TimeShape.ZONED_DATETIME;
      return null;
    }

    /** Exactly {@code n} ASCII digits as a number, or -1. */
    private int digits(int n) {
      if (pos + n > b.length) {
        return -1;
      }
      int v = 0;
      for (int i = 0; i < n; i++) {
        byte c = b[pos + i];
        if (!isDigit(c)) {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      pos += n;
      return v;
    }

    private boolean expect(char c) {
      if (pos < b.length && b[pos] == c) {
        pos++;
        return true;
      }
      return false;
    }

    private static boolean isDigit(byte c) {
      return c >= '0' && c <= '9';
    }
  }
}
