package dev.sqlite2pg.copy;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A table's (or chunk's) rows as one COPY, written as they are encoded: the server inserts the rows
 * already sent while the client reads and encodes the next ones. A COPY per batch, each in its own
 * savepoint ({@link BatchSender}), makes one side wait for the other: the client encodes 8 MB while
 * the server idles, then the server inserts them while the client waits for the COPY to end (5M
 * rows on 2 cores: a fifth of the cores idle during the copy). There is no savepoint here, so a row
 * PostgreSQL refuses fails the whole COPY: the caller then copies the table again as batches, which
 * leave out only the refused rows.
 *
 * <p>{@code FREEZE}: when the transaction emptied the table first (see {@link TableCopier}), the
 * rows are written frozen and the pages all-visible, so the index builds, ANALYZE and foreign-key
 * checks that read them next do not set hint bits on every row and write every page a second time.
 */
final class StreamedCopy implements RowSink {

  /**
   * Encoded rows are handed to the connection in pieces of this size: small beside the socket's
   * buffer, so the server always has rows to insert while the next piece is encoded.
   */
  static final int PIECE_BYTES = 128 << 10;

  private final CopyIn in;

  StreamedCopy(Connection dst, String copySql) throws SQLException {
    in = dst.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    in.writeToCopy(BatchSender.HEADER, 0, BatchSender.HEADER.length);
  }

  @Override
  public int maxBytes() {
    return PIECE_BYTES;
  }

  @Override
  public int send(Batch b, BatchSender.Refused refused) throws SQLException {
    in.writeToCopy(b.buf.array(), 0, b.buf.size());
    return b.rows();
  }

  /** Ends the COPY; PostgreSQL's refusal of any row, if there was one, is thrown here at last. */
  @Override
  public void end() throws SQLException {
    try {
      in.writeToCopy(BatchSender.TRAILER, 0, BatchSender.TRAILER.length);
      in.endCopy();
    } finally {
      abandon();
    }
  }

  /** Abandons the COPY if it is still open (the transaction is rolled back after). */
  @Override
  public void abandon() {
    if (in.isActive()) {
      try {
        in.cancelCopy();
      } catch (SQLException ignored) {
        // The transaction is rolled back anyway.
      }
    }
  }
}
