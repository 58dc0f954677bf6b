package dev.sqlite2pg.verify.jsonb;

/**
 * A JSON number as jsonb prints it: jsonb stores numbers as numeric, so this is numeric_in followed
 * by numeric_out. The display scale is the number of digits after the point minus the exponent,
 * never below zero, and the value is written out in full without an exponent: "1.50e1" is 15.0,
 * "100e-2" is 1.00, "1E-7" is 0.0000001, "-0.0" is 0.0.
 */
final class JsonbNumber {

  /** numeric_in refuses larger exponents before it looks at the digits: "0e1073741824". */
  private static final long MAX_EXPONENT = Integer.MAX_VALUE / 2;

  /** NUMERIC_DSCALE_MAX: "0e-16384" is refused, although it is zero. */
  private static final long MAX_SCALE = 0x3FFF;

  /** NUMERIC_WEIGHT_MAX base-10000 digits before the point: up to 131072 decimal ones. */
  private static final long MAX_WEIGHT = Short.MAX_VALUE;

  private JsonbNumber() {}

  /** {@code json} is a number as JSON's grammar allows it (Jackson has checked the syntax). */
  static String text(String json) {
    int i = 0;
    boolean negative = json.charAt(0) == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    i = skipDigits(json, i);
    int intEnd = i;
    int fracStart = i;
    if (i < json.length() && json.charAt(i) == '.') {
      fracStart = ++i;
      i = skipDigits(json, i);
    }
    int fracEnd = i;
    if (i == json.length()) {
      // No exponent: JSON forbids leading zeros, so the text already is numeric's, but for "-0".
      if (fracEnd - fracStart > MAX_SCALE || intEnd - intStart > 4 * (MAX_WEIGHT + 1)) {
        throw outOfRange(json);
      }
      return negative && isZero(json) ? json.substring(1) : json;
    }
    long exponent = exponent(json, i + 1);

    // The digits without the point, and where the point goes among them.
    String digits = json.substring(intStart, intEnd) + json.substring(fracStart, fracEnd);
    long point = (intEnd - intStart) + exponent;
    long scale = Math.max(0, (fracEnd - fracStart) - exponent);
    if (scale > MAX_SCALE) {
      throw outOfRange(json);
    }
    int first = 0;
    while (first < digits.length() && digits.charAt(first) == '0') {
      first++;
    }
    if (first == digits.length()) {
      return scale == 0 ? "0" : "0." + "0".repeat((int) scale); // numeric has no -0
    }
    if (Math.floorDiv(point - first - 1, 4) > MAX_WEIGHT) {
      throw outOfRange(json);
    }
    StringBuilder out = new StringBuilder((int) (Math.max(point, 1) + scale + 3));
    if (negative) {
      out.append('-');
    }
    if (point <= first) {
      out.append('0');
    } else {
      appendDigits(digits, first, point, out);
    }
    if (scale > 0) {
      out.append('.');
      appendDigits(digits, point, point + scale, out);
    }
    return out.toString();
  }

  private static boolean isZero(String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  private static int skipDigits(String s, int i) {
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** The exponent after "e" or "E", with numeric_in's limit on its size. */
  private static long exponent(String s, int i) {
    boolean negative = s.charAt(i) == '-';
    if (negative || s.charAt(i) == '+') {
      i++;
    }
    long e = 0;
    for (; i < s.length(); i++) {
      e = e * 10 + (s.charAt(i) - '0');
      if (e > MAX_EXPONENT) {
        throw outOfRange(s);
      }
    }
    return negative ? -e : e;
  }

  /** Digits at positions [from, to), with zeros for positions outside the written digits. */
  private static void appendDigits(String digits, long from, long to, StringBuilder out) {
    for (long k = from; k < to; k++) {
      out.append(k >= 0 && k < digits.length() ? digits.charAt((int) k) : '0');
    }
  }

  private static IllegalArgumentException outOfRange(String json) {
    String shown = json.length() > 40 ? json.substring(0, 40) + "..." : json;
    return JsonbText.invalid("number " + shown + " is beyond what numeric holds");
  }
}
