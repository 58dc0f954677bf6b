package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Source values as PostgreSQL numeric, and numeric's binary COPY form. A value is either a finite
 * {@link BigDecimal} or one of numeric's special values (PostgreSQL 14 and later store 'Infinity'
 * and '-Infinity'; 'NaN' always).
 */
final class NumericValues {

  /** The special values, as {@code numeric_out} spells them. */
  static final String NAN = "NaN";

  static final String INFINITY = "Infinity";
  static final String NEG_INFINITY = "-Infinity";

  /** numeric_recv refuses a display scale above 0x3FFF and silently truncates digits past it. */
  static final int MAX_SCALE = 0x3FFF;

  /** A weight of at most 32767 base-10000 digits before the point. */
  static final int MAX_INTEGER_DIGITS = 131072;

  private static final short SIGN_NEG = 0x4000;
  private static final short SIGN_NAN = (short) 0xC000;
  private static final short SIGN_PINF = (short) 0xD000;
  private static final short SIGN_NINF = (short) 0xF000;

  private NumericValues() {}

  /**
   * The precision and scale of "numeric(p,s)" / "numeric(p)" / "decimal(p,s)", or null when the
   * type is unconstrained.
   */
  static int[] typmod(String sql) {
    int open = sql.indexOf('(');
    if (open < 0) {
      return null;
    }
    int close = sql.indexOf(')', open);
    String[] parts = sql.substring(open + 1, close < 0 ? sql.length() : close).split(",", -1);
    try {
      int p = Integer.parseInt(parts[0].trim());
      int s = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
      if (p < 1 || p > 1000 || s < 0 || s > p) {
        throw new IllegalArgumentException(
            "Unsupported numeric type "
                + sql
                + ": precision must be 1..1000 and scale 0..precision");
      }
      return new int[] {p, s};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Cannot read precision and scale from type " + sql, e);
    }
  }

  /**
   * The exact value: a BigDecimal, or one of the Strings NAN, INFINITY, NEG_INFINITY. With a typmod
   * {p, s}, the BigDecimal has scale s.
   */
  static Object of(SourceRow row, int col, int[] typmod) throws ConversionException {
    Object v =
        switch (row.type(col)) {
          case SourceRow.INTEGER -> BigDecimal.valueOf(row.getLong(col));
          case SourceRow.FLOAT -> ofDouble(row.getDouble(col));
          case SourceRow.TEXT -> ofText(row.getBytes(col));
          default -> throw new ConversionException(Describe.value(row, col) + " is not a number");
        };
    if (v instanceof BigDecimal d) {
      return typmod == null ? checkLimits(d, row, col) : fit(d, typmod, row, col);
    }
    if (typmod != null && !NAN.equals(v)) {
      throw new ConversionException(
          Describe.value(row, col)
              + " does not fit numeric("
              + typmod[0]
              + ","
              + typmod[1]
              + "), which cannot hold infinity");
    }
    return v;
  }

  private static Object ofDouble(double d) throws ConversionException {
    if (Double.isNaN(d)) {
      return NAN;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? INFINITY : NEG_INFINITY;
    }
    if (Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
      throw new ConversionException("real -0.0 has no numeric value: numeric has no negative zero");
    }
    // The shortest decimal that reads back as this double, so 0.1 stays 0.1 and not
    // 0.1000000000000000055511151231257827.
    return new BigDecimal(Double.toString(d));
  }

  /** Plain decimal text: optional '-', digits with an optional fraction, optional exponent. */
  private static BigDecimal ofText(byte[] b) throws ConversionException {
    if (!isDecimal(b)) {
      throw new ConversionException("text " + Describe.bytesAsText(b) + " is not a number");
    }
    return new BigDecimal(new String(b, StandardCharsets.US_ASCII));
  }

  private static boolean isDecimal(byte[] b) {
    int i = b.length > 0 && b[0] == '-' ? 1 : 0;
    int intDigits = 0;
    while (i < b.length && isDigit(b[i])) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < b.length && b[i] == '.') {
      i++;
      while (i < b.length && isDigit(b[i])) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < b.length && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < b.length && isDigit(b[i])) {
        i++;
        expDigits++;
      }
      if (expDigits == 0 || expDigits > 9) {
        return false;
      }
    }
    return i == b.length;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static BigDecimal checkLimits(BigDecimal d, SourceRow row, int col)
      throws ConversionException {
    if (d.signum() == 0) {
      return d.scale() < 0 ? d.setScale(0) : checkScale(d, row, col);
    }
    if ((long) d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
      throw new ConversionException(Describe.value(row, col) + " is too large for numeric");
    }
    return d.scale() < 0 ? d.setScale(0) : checkScale(d, row, col);
  }

  private static BigDecimal checkScale(BigDecimal d, SourceRow row, int col)
      throws ConversionException {
    if (d.scale() > MAX_SCALE) {
      BigDecimal stripped = d.stripTrailingZeros();
      if (stripped.scale() > MAX_SCALE) {
        throw new ConversionException(
            Describe.value(row, col)
                + " has more than "
                + MAX_SCALE
                + " digits after the decimal point, more than numeric holds");
      }
      return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
    return d;
  }

  private static BigDecimal fit(BigDecimal d, int[] typmod, SourceRow row, int col)
      throws ConversionException {
    int p = typmod[0];
    int s = typmod[1];
    BigDecimal stripped = d.stripTrailingZeros();
    // Only spelled out when a value does not fit: this runs once per value.
    String type = "numeric(" + p + "," + s + ")";
    if (stripped.scale() > s) {
      throw new ConversionException(
          Describe.value(row, col)
              + " has more than "
              + s
              + " digits after the decimal point, so it does not fit "
              + type
              + " exactly");
    }
    if (stripped.signum() != 0 && (long) stripped.precision() - stripped.scale() > p - s) {
      throw new ConversionException(
          Describe.value(row, col)
              + " has more than "
              + (p - s)
              + " digits before the decimal point, so it does not fit "
              + type);
    }
    return stripped.setScale(s, RoundingMode.UNNECESSARY);
  }

  /** Writes numeric's binary form: ndigits, weight, sign, dscale, then base-10000 digits. */
  static void write(Object value, FieldSink out) {
    if (value instanceof BigDecimal d) {
      writeFinite(d, out);
      return;
    }
    short sign = NAN.equals(value) ? SIGN_NAN : INFINITY.equals(value) ? SIGN_PINF : SIGN_NINF;
    byte[] b = new byte[8];
    putShort(b, 4, sign);
    out.writeBytes(b, 0, 8);
  }

  /** {@code d} has a scale of 0 to MAX_SCALE, which becomes the display scale. */
  private static void writeFinite(BigDecimal d, FieldSink out) {
    int dscale = d.scale();
    BigInteger unscaled = d.unscaledValue();
    String digits = unscaled.abs().toString();
    int intLen = digits.length() - dscale; // may be <= 0 for 0.00123
    // Pad so that the integer part is a whole number of 4-digit groups on the left and the
    // fraction a whole number of groups on the right.
    int leftPad = intLen > 0 ? (4 - intLen % 4) % 4 : 0;
    int intGroups = intLen > 0 ? (intLen + leftPad) / 4 : 0;
    int fracLen = dscale;
    int fracGroups = (fracLen + 3) / 4;
    int total = intGroups + fracGroups;
    short[] groups = new short[total];
    for (int g = 0; g < intGroups; g++) {
      groups[g] = (short) group(digits, g * 4 - leftPad);
    }
    // Fraction digit f sits at string index intLen + f; a negative index is a leading zero.
    for (int g = 0; g < fracGroups; g++) {
      groups[intGroups + g] = (short) group(digits, intLen + g * 4);
    }
    int first = 0;
    while (first < total && groups[first] == 0) {
      first++;
    }
    int last = total - 1;
    while (last >= first && groups[last] == 0) {
      last--;
    }
    int ndigits = last >= first ? last - first + 1 : 0;
    int weight = ndigits == 0 ? 0 : intGroups - 1 - first;
    byte[] b = new byte[8 + 2 * ndigits];
    putShort(b, 0, (short) ndigits);
    putShort(b, 2, (short) weight);
    putShort(b, 4, unscaled.signum() < 0 ? SIGN_NEG : 0);
    putShort(b, 6, (short) dscale);
    for (int k = 0; k < ndigits; k++) {
      putShort(b, 8 + 2 * k, groups[first + k]);
    }
    out.writeBytes(b, 0, b.length);
  }

  /** Four decimal digits of {@code s} starting at {@code from}; outside the string is 0. */
  private static int group(String s, int from) {
    int v = 0;
    for (int i = from; i < from + 4; i++) {
      v = v * 10 + (i >= 0 && i < s.length() ? s.charAt(i) - '0' : 0);
    }
    return v;
  }

  private static void putShort(byte[] b, int at, short v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  /** numeric_out's spelling of the value without trailing zeros, for {@link Canonical}. */
  static String canonical(Object value) {
    if (value instanceof BigDecimal d) {
      return canonical(d);
    }
    return (String) value;
  }

  static String canonical(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.signum() == 0 ? "0" : s.toPlainString();
  }
}
