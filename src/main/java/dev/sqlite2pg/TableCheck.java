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
 * @param comparedBy "rows", or how a framework's migration history was compared instead ("migration
 *     (app, name)"): its rows are each database's own record of applying the same migrations
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
    double seconds,
    String comparedBy) {

  public static final String ROWS = "rows";

  /**
   * Not compared: a framework's bookkeeping that describes the target itself (Rails'
   * ar_internal_metadata environment), kept as the target has it.
   */
  public static final String KEPT = "nothing: the target's own bookkeeping, kept as it is";

  /**
   * The target holds every source row, value for value: {@link #equal} and no source row rejected.
   * A table whose rows were rejected is never complete, though what arrived may be equal.
   */
  public boolean complete() {
    return equal && problem == null && expectedRows == sourceRows;
  }

  /** Source rows that do not convert to the target's types, so are not there. */
  public long rejected() {
    return sourceRows - expectedRows;
  }

  /** "OK", or what differs, for the one-line-per-table output. */
  public String verdict() {
    if (problem != null) {
      return problem;
    }
    if (equal && rejected() > 0) {
      return "INCOMPLETE: "
          + rejected()
          + " of "
          + sourceRows
          + " source rows rejected, not in the target (the "
          + expectedRows
          + " that arrived are equal)";
    }
    if (KEPT.equals(comparedBy)) {
      return "KEPT: the target's own bookkeeping, not compared";
    }
    if (equal) {
      return ROWS.equals(comparedBy) ? "OK" : "OK, by " + comparedBy;
    }
    return missing + " missing, " + extra + " extra, " + changed + " changed";
  }
}
