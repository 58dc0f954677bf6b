package dev.sqlite2pg.verify;

/**
 * The outcome of comparing one table on both sides.
 *
 * @param sourceRows rows in SQLite
 * @param expectedRows source rows whose every value converts (the rest are rejected rows)
 * @param targetRows rows in PostgreSQL
 * @param equal whether the target holds exactly the expected rows, value for value
 */
public record TableCheck(String sourceTable, String targetTable, long sourceRows,
    long expectedRows, long targetRows, boolean equal, double seconds) {

  /** "OK", or what differs, for the one-line-per-table output. */
  public String verdict() {
    if (equal) {
      return "OK";
    }
    if (expectedRows != targetRows) {
      return "DIFFERENT: " + expectedRows + " rows expected, " + targetRows + " in PostgreSQL";
    }
    return "DIFFERENT: same row count, but values differ";
  }
}
