package dev.sqlite2pg.copy;

import dev.sqlite2pg.RejectedRow;
import java.util.List;
import java.util.Optional;

/**
 * What STEP 4 did to one table.
 *
 * @param readRows rows read from SQLite
 * @param copiedRows rows committed in PostgreSQL
 * @param rejected rows refused by a value conversion, each with its reason
 * @param bytes bytes of binary COPY data sent
 * @param error why the table failed as a whole (then copiedRows is 0), if it did
 */
public record TableCopyResult(
    String sourceTable,
    String targetTable,
    long readRows,
    long copiedRows,
    List<RejectedRow> rejected,
    long bytes,
    double seconds,
    Optional<String> error) {

  public long rejectedRows() {
    return rejected.size();
  }
}
