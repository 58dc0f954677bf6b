package dev.sqlite2pg.copy;

import dev.sqlite2pg.OnError;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

/**
 * Sends a batch as one binary COPY inside a savepoint. When PostgreSQL refuses it (a CHECK or
 * foreign key of an existing schema, a value over a limit), the batch is rolled back to the
 * savepoint and split in halves, recursively, until only the refused rows are left out (as pgloader
 * does): one bad row never costs its table. Errors that are not a row's (see {@link #isRowError})
 * are not handled here: they fail the table, and the caller retries it only for a lost connection
 * (SQLSTATE class 08).
 */
final class BatchSender implements RowSink {

  /** A binary COPY's signature, flags and header extension length; its end marker. */
  static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};

  /** A row PostgreSQL refused: its position in the batch and the server's reason. */
  interface Refused {
    void row(int index, SQLException reason) throws SQLException;
  }

  /**
   * Where the COPYs go: rows {@code from} (inclusive) to {@code to} (exclusive) of the batch as one
   * COPY that keeps all of them or, when it throws a row error ({@link #isRowError}), none, leaving
   * the transaction usable. Called once per COPY, never per row; production sends to PostgreSQL
   * ({@link ToPostgres}), tests to a fake.
   */
  @FunctionalInterface
  interface CopySink {
    void copy(Batch b, int from, int to) throws SQLException;
  }

  private final CopySink sink;
  private final OnError onError;

  BatchSender(Connection dst, String copySql, OnError onError) throws SQLException {
    this(new ToPostgres(dst, copySql), onError);
  }

  BatchSender(CopySink sink, OnError onError) {
    this.sink = sink;
    this.onError = onError;
  }

  @Override
  public int maxBytes() {
    return Batch.MAX_BYTES;
  }

  /** Sends every row of the batch; returns how many PostgreSQL accepted. */
  @Override
  public int send(Batch b, Refused refused) throws SQLException {
    return send(b, 0, b.rows(), refused);
  }

  /** Each batch was a COPY of its own, ended when it was sent. */
  @Override
  public void end() {}

  @Override
  public void abandon() {}

  private int send(Batch b, int from, int to, Refused refused) throws SQLException {
    if (from >= to) {
      return 0;
    }
    try {
      sink.copy(b, from, to);
      return to - from;
    } catch (SQLException e) {
      if (!isRowError(e)) {
        throw e;
      }
      if (onError == OnError.ABORT && to - from == 1) {
        refused.row(from, e);
        throw new AbortTable(e);
      }
      if (to - from == 1) {
        refused.row(from, e);
        return 0;
      }
      int mid = from + (to - from) / 2;
      return send(b, from, mid, refused) + send(b, mid, to, refused);
    }
  }

  /**
   * Each COPY in a savepoint of {@code dst}'s transaction: released when the COPY succeeds, rolled
   * back to when it fails with a row error; any other error leaves the transaction failed, for the
   * caller to roll back.
   */
  private static final class ToPostgres implements CopySink {

    private final Connection dst;
    private final CopyManager copy;
    private final String copySql;

    ToPostgres(Connection dst, String copySql) throws SQLException {
      this.dst = dst;
      this.copy = dst.unwrap(PGConnection.class).getCopyAPI();
      this.copySql = copySql;
    }

    @Override
    public void copy(Batch b, int from, int to) throws SQLException {
      Savepoint sp = dst.setSavepoint();
      try {
        copyIn(b, from, to);
        dst.releaseSavepoint(sp);
      } catch (SQLException e) {
        if (isRowError(e)) {
          dst.rollback(sp);
        }
        throw e;
      }
    }

    private void copyIn(Batch b, int from, int to) throws SQLException {
      CopyIn in = copy.copyIn(copySql);
      try {
        in.writeToCopy(HEADER, 0, HEADER.length);
        in.writeToCopy(b.buf.array(), b.start(from), b.start(to) - b.start(from));
        in.writeToCopy(TRAILER, 0, TRAILER.length);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
    }
  }

  /**
   * Errors that belong to a row and not to the table: data exceptions (class 22: a value out of
   * range, invalid text) and integrity violations (class 23: CHECK, NOT NULL, UNIQUE, foreign key).
   * Anything else (permissions, disk, timeouts, connections) stops the table.
   */
  static boolean isRowError(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /** SQLSTATE class 08: the connection is gone; the only errors worth retrying. */
  static boolean isConnectionError(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }

  /**
   * The column PostgreSQL names in the error's context ("COPY t, line 1, column c: ..."), else the
   * constraint the row violates, else empty.
   */
  static String column(SQLException e) {
    if (e instanceof PSQLException p
        && p.getServerErrorMessage() != null
        && p.getServerErrorMessage().getConstraint() != null
        && (p.getServerErrorMessage().getWhere() == null
            || !p.getServerErrorMessage().getWhere().contains(", column "))) {
      return "constraint " + p.getServerErrorMessage().getConstraint();
    }
    if (e instanceof PSQLException p
        && p.getServerErrorMessage() != null
        && p.getServerErrorMessage().getWhere() != null) {
      String where = p.getServerErrorMessage().getWhere();
      int at = where.indexOf(", column ");
      if (at >= 0) {
        String rest = where.substring(at + 9);
        int end = rest.indexOf(':');
        return end < 0 ? rest.strip() : rest.substring(0, end).strip();
      }
    }
    return "";
  }

  /** --on-error=abort: the table stops at its first refused row. */
  static final class AbortTable extends SQLException {
    AbortTable(SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause);
    }
  }
}
