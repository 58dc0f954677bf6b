package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.convert.SqliteText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Numbers and plain text back into one storage class each: null when that storage class cannot hold
 * the value so that the copy reads it back the same, the value otherwise. NaN goes nowhere: SQLite
 * stores a NaN bound to it as NULL.
 */
final class Numbers {

  private static final double TWO_POW_63 = 0x1p63;

  private Numbers() {}

  /** smallint, integer, bigint: PostgreSQL prints them as SQLite would, '-42'. */
  static Object integer(Storage s, String t) {
    long v = Long.parseLong(t);
    return switch (s) {
      case INTEGER -> v;
      case REAL -> exactDouble(v);
      case TEXT -> t;
      case BLOB -> null;
    };
  }

  /** double precision, printed shortest-exact (extra_float_digits 3): '0.1', '1e+16', '-0'. */
  static Object float8(Storage s, String t) {
    double d = Double.parseDouble(t);
    if (Double.isNaN(d)) {
      return null;
    }
    return switch (s) {
      case REAL -> d;
      case INTEGER -> exactLong(d);
      default -> null;
    };
  }

  /**
   * real: the copy took a double whose float reads the same, so 0.87 stays 0.87; where the column
   * holds widened floats ((double) 0.87f), that is what goes back.
   */
  static Object float4(Storage s, String t, boolean floatBits) {
    float f = Float.parseFloat(t);
    if (Float.isNaN(f)) {
      return null;
    }
    if (s == Storage.INTEGER) {
      return exactLong(f);
    }
    if (s != Storage.REAL) {
      return null;
    }
    double decimal = Double.parseDouble(t);
    boolean sameDecimal =
        (float) decimal == f
            && Float.isFinite(f)
            && new BigDecimal(Float.toString(f)).compareTo(new BigDecimal(Double.toString(decimal)))
                == 0;
    return floatBits || !sameDecimal ? (double) f : decimal;
  }

  /** numeric: '10.50' for numeric(10,2); 'Infinity' only from a REAL, 'NaN' from nowhere. */
  static Object numeric(Storage s, String t, boolean trimmed) {
    if (t.equals("NaN")) {
      return null;
    }
    if (t.endsWith("Infinity")) {
      return s == Storage.REAL ? Double.parseDouble(t) : null;
    }
    BigDecimal v = new BigDecimal(t);
    return switch (s) {
      case INTEGER -> {
        BigDecimal whole = v.stripTrailingZeros();
        yield whole.scale() > 0 || whole.precision() - whole.scale() > 19 ? null : fitsLong(whole);
      }
      case REAL -> {
        double d = v.doubleValue();
        yield Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(v) == 0 ? d : null;
      }
      case TEXT -> trimmed ? trim(t) : t;
      case BLOB -> null;
    };
  }

  /**
   * text and the kinds that travel as text (enum labels, inet, macaddr): numbers in a text column
   * came from INTEGER or REAL values printed as SQLite prints them, so only that print goes back as
   * a number.
   */
  static Object text(Storage s, String t) {
    return switch (s) {
      case TEXT -> t;
      case BLOB -> t.getBytes(StandardCharsets.UTF_8);
      case INTEGER -> canonicalLong(t);
      case REAL -> sqliteDouble(t);
    };
  }

  /** The integer {@code t} spells exactly as Long.toString would, or null. */
  static Long canonicalLong(String t) {
    if (t.isEmpty() || t.length() > 20) {
      return null;
    }
    try {
      long v = Long.parseLong(t);
      return Long.toString(v).equals(t) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The double SQLite's print of which is {@code t} ("14.0", "1.0e+20", "Inf"), or null. */
  private static Double sqliteDouble(String t) {
    if (t.isEmpty() || !(Character.isDigit(t.charAt(t.length() - 1)) || t.endsWith("Inf"))) {
      return null;
    }
    try {
      double d = t.endsWith("Inf") ? (t.startsWith("-") ? -1 : 1) / 0.0 : Double.parseDouble(t);
      return SqliteText.ofDouble(d).equals(t) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long fitsLong(BigDecimal whole) {
    try {
      return whole.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static Double exactDouble(long v) {
    double d = v;
    return d < TWO_POW_63 && (long) d == v ? d : null;
  }

  private static Long exactLong(double d) {
    if (d != Math.rint(d) || d >= TWO_POW_63 || d < -TWO_POW_63 || (d == 0 && 1 / d < 0)) {
      return null;
    }
    return (long) d;
  }

  /** '10.50' as '10.5', '10.00' as '10'. */
  private static String trim(String t) {
    if (t.indexOf('.') < 0) {
      return t;
    }
    int end = t.length();
    while (t.charAt(end - 1) == '0') {
      end--;
    }
    return t.substring(0, t.charAt(end - 1) == '.' ? end - 1 : end);
  }
}
