package dev.sqlite2pg;

import java.util.List;

/**
 * The outcome of comparing one table on both sides.
 *
 * @param sourceRows rows in SQLite
 * @param expectedRows source rows whose every value converts (the rest are rejected rows)
 * @param targetRows rows in PostgreSQL
 * @param equal whether the target holds exactly the expected rows, value for value
 * @param missing expected rows absent from the target
 * @param extra target rows with no source row
 * @param changed rows present on both sides with different values
 * @param differences the first differing rows, in detail
 * @param problem why the table could not be compared (missing table or column), if so
 */
public record TableCheck(
    String sourceTable,
    String targetTable,
    long sourceRows,
    long expectedRows,
    long targetRows,
    boolean equal,
    long missing,
    long extra,
    long changed,
    List<RowDifference> differences,
    String problem,
    double seconds) {

  /** "OK", or what differs, for the one-line-per-table output. */
  public String verdict() {
    if (problem != null) {
      return problem;
    }
    if (equal) {
      return "OK";
    }
    return missing + " missing, " + extra + " extra, " + changed + " changed";
  }
}
