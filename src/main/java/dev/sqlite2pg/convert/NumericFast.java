package dev.sqlite2pg.convert;

/**
 * The common case of numeric(p,s) without BigDecimal: a REAL such as 1234.56 in a DECIMAL(12,2)
 * money column. When {@code round(d * 10^s) / 10^s} gives back exactly {@code d}, and the scaled
 * value is below 2^50 (so that doubles there are finer than 10^-s and no other decimal of s places
 * lands on the same double), that decimal is the shortest one reading back as {@code d}: the value
 * the general path computes from Double.toString, at a fraction of the cost. Anything else (more
 * places, too many digits, infinities, -0.0) goes the general way, which also explains refusals.
 */
final class NumericFast {

  private static final double[] POW10 = {
    1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };
  private static final long LIMIT = 1L << 50;

  private NumericFast() {}

  /** Writes {@code d} as numeric(p,s) and returns true, or returns false having written nothing. */
  static boolean write(double d, int precision, int scale, FieldSink out) {
    if (scale >= POW10.length
        || Double.isNaN(d)
        || Double.isInfinite(d)
        || Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
      return false;
    }
    double scaledD = d * POW10[scale];
    if (Math.abs(scaledD) >= LIMIT) {
      return false;
    }
    long scaled = Math.round(scaledD);
    if (scaled / POW10[scale] != d) {
      return false;
    }
    long abs = Math.abs(scaled);
    int integerDigits = digits(abs / (long) POW10[scale]);
    if (abs >= (long) POW10[scale] && integerDigits > precision - scale) {
      return false;
    }
    writeBinary(scaled < 0, abs, scale, out);
    return true;
  }

  private static int digits(long v) {
    int n = 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  /** numeric's binary form of abs * 10^-scale: base-10000 groups aligned on the point. */
  private static void writeBinary(boolean negative, long abs, int scale, FieldSink out) {
    int pad = (4 - scale % 4) % 4;
    long v = abs;
    for (int i = 0; i < pad; i++) {
      v *= 10;
    }
    int fracGroups = (scale + pad) / 4;
    short[] groups = new short[8];
    int n = 0;
    while (v > 0) {
      groups[n++] = (short) (v % 10000);
      v /= 10000;
    }
    // groups[0] is the least significant; drop zero groups at the low end.
    int low = 0;
    while (low < n && groups[low] == 0) {
      low++;
    }
    int ndigits = n - low;
    int weight = ndigits == 0 ? 0 : n - 1 - fracGroups;
    byte[] b = new byte[8 + 2 * ndigits];
    put(b, 0, ndigits);
    put(b, 2, weight);
    put(b, 4, negative && ndigits > 0 ? 0x4000 : 0);
    put(b, 6, scale);
    for (int i = 0; i < ndigits; i++) {
      put(b, 8 + 2 * i, groups[n - 1 - i]);
    }
    out.writeBytes(b, 0, b.length);
  }

  private static void put(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }
}
