package dev.sqlite2pg.sqlite;

/**
 * What one column actually stores, by SQLite storage class: SQLite's declared types are hints, and
 * any column can hold any value. Counted in one native pass per table.
 *
 * <p>The ranges are meaningful only for a column of numbers alone (no text, no blob): then
 * minInt/maxInt bound every value (exactly, for integers only) and minReal/maxReal are the smallest
 * and largest values as doubles.
 *
 * @param minInt smallest value, rounded down (0 when not only numbers)
 * @param maxInt largest value, rounded up
 * @param minReal smallest value (NaN when not only numbers)
 * @param maxReal largest value
 */
public record ColumnProfile(
    long nulls,
    long integers,
    long reals,
    long texts,
    long blobs,
    long minInt,
    long maxInt,
    double minReal,
    double maxReal) {

  /** The profile of a column nobody looked at: no values. */
  public static final ColumnProfile UNREAD =
      new ColumnProfile(0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN);

  public long nonNull() {
    return integers + reals + texts + blobs;
  }

  public boolean onlyIntegers() {
    return integers == nonNull();
  }

  public boolean onlyReals() {
    return reals == nonNull();
  }

  public boolean onlyNumbers() {
    return integers + reals == nonNull();
  }

  public boolean onlyTexts() {
    return texts == nonNull();
  }

  public boolean onlyBlobs() {
    return blobs == nonNull();
  }

  /** "3 integer, 1 text" — for reports. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    append(sb, integers, "integer");
    append(sb, reals, "real");
    append(sb, texts, "text");
    append(sb, blobs, "blob");
    append(sb, nulls, "null");
    return sb.length() == 0 ? "no rows" : sb.toString();
  }

  private static void append(StringBuilder sb, long n, String what) {
    if (n > 0) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(n).append(' ').append(what);
    }
  }
}
