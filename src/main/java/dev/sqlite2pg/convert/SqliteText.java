package dev.sqlite2pg.convert;

import java.math.BigDecimal;

/**
 * The text form of a SQLite REAL, in SQLite's own style but exact: where SQLite prints 15
 * significant digits ("0.1", "14.0", "1.0e+100", "Inf"), and so can lose the last bits of a value,
 * this prints the shortest digits that read back as the very same double.
 */
public final class SqliteText {

  private SqliteText() {}

  public static String ofDouble(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      // "-0.0" keeps the sign that "0.0" would drop.
      return (Double.doubleToRawLongBits(v) < 0 && v == 0 ? "-" : "") + (long) v + ".0";
    }
    // Double.toString gives digits that round-trip (on Java 17 not always the fewest, which
    // is harmless here); the layout below then follows SQLite's "%!.15g".
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - d.scale() - 1;
    StringBuilder out = new StringBuilder(digits.length() + 8);
    if (v < 0) {
      out.append('-');
    }
    if (exponent < -4 || exponent >= 15) {
      out.append(digits.charAt(0)).append('.');
      out.append(digits.length() > 1 ? digits.substring(1) : "0");
      out.append('e').append(exponent < 0 ? '-' : '+');
      int e = Math.abs(exponent);
      if (e < 10) {
        out.append('0');
      }
      return out.append(e).toString();
    }
    String plain = d.abs().toPlainString();
    out.append(plain);
    if (plain.indexOf('.') < 0) {
      out.append(".0");
    }
    return out.toString();
  }
}
