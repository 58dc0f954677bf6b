package dev.sqlite2pg.copy;

/**
 * A rowid range of one large table, copied in a transaction of its own, in parallel with the
 * table's other chunks, and recorded as copied with its rows.
 *
 * @param index 1-based position among the table's {@code of} chunks
 */
public record Chunk(long lo, long hi, int index, int of) {

  /** The whole table: no range. */
  public static final Chunk ALL = new Chunk(Long.MIN_VALUE, Long.MAX_VALUE, 1, 1);

  public boolean whole() {
    return of == 1;
  }

  /** "rowid 1..500000 (chunk 1 of 4)", for progress lines and errors. */
  public String describe() {
    return "rowid " + lo + ".." + hi + " (chunk " + index + " of " + of + ")";
  }

  /**
   * {@code n} ranges of about the same width covering [min, max], the first open below and the last
   * open above. Rowids are usually dense, so the rows split about evenly; sparse ones only make the
   * chunks uneven, never lose a row.
   */
  public static java.util.List<Chunk> split(long min, long max, int n) {
    if (n <= 1 || max <= min) {
      return java.util.List.of(ALL);
    }
    java.math.BigInteger span =
        java.math.BigInteger.valueOf(max)
            .subtract(java.math.BigInteger.valueOf(min))
            .add(java.math.BigInteger.ONE);
    // No more chunks than rowids, so that none is empty.
    n = span.min(java.math.BigInteger.valueOf(n)).intValueExact();
    java.util.List<Chunk> out = new java.util.ArrayList<>();
    long lo = Long.MIN_VALUE;
    for (int i = 1; i <= n; i++) {
      long hi =
          i == n
              ? Long.MAX_VALUE
              : java.math.BigInteger.valueOf(min)
                      .add(
                          span.multiply(java.math.BigInteger.valueOf(i))
                              .divide(java.math.BigInteger.valueOf(n)))
                      .longValueExact()
                  - 1;
      out.add(new Chunk(lo, hi, i, n));
      lo = hi + 1;
    }
    return out;
  }
}
