package dev.sqlite2pg.copy;

import java.sql.SQLException;

/**
 * Where a copy's encoded rows go: a COPY per batch in a savepoint ({@link BatchSender}), or one
 * COPY for the whole table or chunk ({@link StreamedCopy}).
 */
interface RowSink {

  /** A batch is handed over when it holds this many bytes (or --batch-size rows). */
  int maxBytes();

  /** Sends the batch's rows; returns how many PostgreSQL accepted (so far). */
  int send(Batch b, BatchSender.Refused refused) throws SQLException;

  /** After the last batch: PostgreSQL has every row, or this throws why not. */
  void end() throws SQLException;

  /** Gives up midway (the transaction is rolled back after). */
  void abandon();
}
