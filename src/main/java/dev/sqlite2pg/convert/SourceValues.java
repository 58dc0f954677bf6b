package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.nio.charset.StandardCharsets;

/**
 * The exactness rules for the simple types, shared by the encoders (which write the result) and by
 * {@link Canonical} (which renders it), so both always agree on what a source value means. Every
 * method either returns the exact value or throws a reason naming the value.
 */
final class SourceValues {

  private static final double TWO_POW_63 = 0x1p63;

  private SourceValues() {}

  /** An integer in [min, max] from an INTEGER, an integral REAL or a canonical integer text. */
  static long integer(SourceRow row, int col, long min, long max, String target)
      throws ConversionException {
    long v;
    switch (row.type(col)) {
      case SourceRow.INTEGER -> v = row.getLong(col);
      case SourceRow.FLOAT -> v = integralDouble(row.getDouble(col), target);
      case SourceRow.TEXT -> v = integerText(row.getBytes(col), target);
      default -> throw new ConversionException(Describe.value(row, col) + " is not " + target);
    }
    if (v < min || v > max) {
      throw new ConversionException(Describe.value(row, col) + " is out of range for " + target);
    }
    return v;
  }

  private static long integralDouble(double d, String target) throws ConversionException {
    // -0.0 is integral but its sign would be lost; 2^63 casts to Long.MAX_VALUE silently.
    if (d != Math.rint(d)
        || d >= TWO_POW_63
        || d < -TWO_POW_63
        || Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
      throw new ConversionException("real " + SqliteText.ofDouble(d) + " is not exactly " + target);
    }
    return (long) d;
  }

  /**
   * Only the form SQLite itself would print ("42", "-7"): "042", " 1" or "+1" would not read back
   * as the same text, so taking them as numbers would hide a difference.
   */
  static long integerText(byte[] b, String target) throws ConversionException {
    int n = b.length;
    int i = n > 0 && b[0] == '-' ? 1 : 0;
    boolean canonical = n > i && n - i <= 19 && (b[i] != '0' || (n == 1));
    long v = 0;
    for (int k = i; canonical && k < n; k++) {
      int digit = b[k] - '0';
      if (digit < 0 || digit > 9) {
        canonical = false;
      } else if (v < Long.MIN_VALUE / 10 || (v == Long.MIN_VALUE / 10 && digit > 8)) {
        canonical = false; // beyond 64 bits
      } else {
        v = v * 10 - digit; // accumulate negatively: -9223372036854775808 fits, its abs does not
      }
    }
    if (canonical && i == 0 && v == Long.MIN_VALUE) {
      canonical = false; // 9223372036854775808 does not fit
    }
    if (!canonical) {
      throw new ConversionException("text " + Describe.bytesAsText(b) + " is not " + target);
    }
    return i == 1 ? v : -v;
  }

  /** A double from a REAL (every bit kept) or an INTEGER that a double holds exactly. */
  static double float8(SourceRow row, int col) throws ConversionException {
    return switch (row.type(col)) {
      case SourceRow.FLOAT -> row.getDouble(col);
      case SourceRow.INTEGER -> {
        long v = row.getLong(col);
        double d = (double) v;
        if (d == TWO_POW_63 || (long) d != v) {
          throw new ConversionException("integer " + v + " has no exact double precision value");
        }
        yield d;
      }
      default ->
          throw new ConversionException(
              Describe.value(row, col) + " is not a double precision number");
    };
  }

  /** A float from a REAL or INTEGER that a 4-byte real holds exactly. */
  /**
   * An application that declared a column {@code real} in PostgreSQL stores 0.87 from SQLite's
   * 8-byte 0.87: both read back as 0.87, so the value's meaning is kept although its bits are not.
   * 0.30000000000000004 would read back as 0.3 and is refused. (A JDK that prints a non-shortest
   * decimal makes this refuse, never accept wrongly.)
   */
  static boolean sameShortestDecimal(float f, double d) {
    if (Float.isInfinite(f) || Double.isInfinite(d) || f == 0 && d != 0) {
      return false;
    }
    return new java.math.BigDecimal(Float.toString(f))
            .compareTo(new java.math.BigDecimal(Double.toString(d)))
        == 0;
  }

  static float float4(SourceRow row, int col) throws ConversionException {
    switch (row.type(col)) {
      case SourceRow.FLOAT -> {
        double d = row.getDouble(col);
        float f = (float) d;
        if (Double.isNaN(d)) {
          return Float.NaN;
        }
        if (Double.doubleToRawLongBits(f) != Double.doubleToRawLongBits(d)
            && !sameShortestDecimal(f, d)) {
          throw new ConversionException(
              "real "
                  + SqliteText.ofDouble(d)
                  + " has no real (4-byte) value that reads the same; use double precision");
        }
        return f;
      }
      case SourceRow.INTEGER -> {
        long v = row.getLong(col);
        float f = (float) v;
        if (f == (float) TWO_POW_63 || (long) f != v) {
          throw new ConversionException("integer " + v + " has no exact real (4-byte) value");
        }
        return f;
      }
      default -> throw new ConversionException(Describe.value(row, col) + " is not a real number");
    }
  }

  static boolean bool(SourceRow row, int col) throws ConversionException {
    int type = row.type(col);
    if (type == SourceRow.INTEGER) {
      long v = row.getLong(col);
      if (v == 0 || v == 1) {
        return v == 1;
      }
    } else if (type == SourceRow.FLOAT) {
      long bits = Double.doubleToRawLongBits(row.getDouble(col));
      if (bits == 0L || bits == Double.doubleToRawLongBits(1.0)) {
        return bits != 0L;
      }
    } else if (type == SourceRow.TEXT) {
      // Only reached when the target column is boolean already (loading into an application's
      // schema): the spellings PostgreSQL's own boolean input takes, whole words only.
      String t =
          new String(row.getBytes(col), java.nio.charset.StandardCharsets.UTF_8)
              .toLowerCase(java.util.Locale.ROOT);
      switch (t) {
        case "1", "t", "true", "y", "yes", "on" -> {
          return true;
        }
        case "0", "f", "false", "n", "no", "off" -> {
          return false;
        }
        default -> {
          // refused below
        }
      }
    }
    throw new ConversionException(
        Describe.value(row, col) + " is not a boolean (0/1, t/f, true/false, yes/no, on/off)");
  }

  /** The UTF-8 bytes PostgreSQL text gets, validated; INTEGER and REAL as SQLite prints them. */
  static byte[] textBytes(SourceRow row, int col) throws ConversionException {
    return switch (row.type(col)) {
      case SourceRow.TEXT -> {
        byte[] b = row.getBytes(col);
        Utf8.requireText(b, "text");
        yield b;
      }
      case SourceRow.BLOB -> {
        byte[] b = row.getBytes(col);
        int bad = Utf8.firstInvalid(b);
        if (bad >= 0) {
          throw new ConversionException(
              "blob "
                  + Describe.bytesAsHex(b)
                  + (b[bad] == 0 ? " contains a NUL byte at " : " is not UTF-8 text at byte ")
                  + bad
                  + "; map the column to bytea");
        }
        yield b;
      }
      case SourceRow.INTEGER, SourceRow.FLOAT -> numberText(row, col);
      default -> throw new ConversionException(Describe.value(row, col) + " is not text");
    };
  }

  /** Bytes as SQLite's CAST(x AS BLOB) gives them. */
  static byte[] byteaBytes(SourceRow row, int col) throws ConversionException {
    return switch (row.type(col)) {
      case SourceRow.BLOB, SourceRow.TEXT -> row.getBytes(col);
      case SourceRow.INTEGER, SourceRow.FLOAT -> numberText(row, col);
      default -> throw new ConversionException(Describe.value(row, col) + " is not bytes");
    };
  }

  private static byte[] numberText(SourceRow row, int col) {
    String s =
        row.type(col) == SourceRow.INTEGER
            ? Long.toString(row.getLong(col))
            : SqliteText.ofDouble(row.getDouble(col));
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
