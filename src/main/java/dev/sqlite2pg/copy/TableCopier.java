package dev.sqlite2pg.copy;

import static dev.sqlite2pg.mapping.Identifiers.qualified;
import static dev.sqlite2pg.mapping.Identifiers.quote;

import dev.sqlite2pg.mapping.ColumnPlan;
import dev.sqlite2pg.mapping.ConversionException;
import dev.sqlite2pg.mapping.Encoders;
import dev.sqlite2pg.mapping.TablePlan;
import dev.sqlite2pg.mapping.ValueEncoder;
import dev.sqlite2pg.source.SourceQueries;
import dev.sqlite2pg.source.SourceRow;
import dev.sqlite2pg.source.SqliteRow;
import dev.sqlite2pg.source.SqliteSource;
import dev.sqlite2pg.target.BinaryCopyBuffer;
import dev.sqlite2pg.target.TargetConnector;
import dev.sqlite2pg.target.TargetErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.sqlite.SQLiteException;

/**
 * STEP 4 for one table: streams its rows from SQLite into one binary COPY, in one transaction.
 * Memory stays bounded by the flush size whatever the table's size. A value that does not
 * convert costs its row, never the table: the row is left out and recorded with the reason.
 */
public final class TableCopier {

  /** Send to the server whenever this much COPY data is buffered. */
  private static final int FLUSH_BYTES = 1 << 20;

  private final SqliteSource source;
  private final TargetConnector target;
  private final String schema;
  private final boolean utf8;
  private final int batchSize;

  public TableCopier(SqliteSource source, TargetConnector target, String schema, boolean utf8,
      int batchSize) {
    this.source = source;
    this.target = target;
    this.schema = schema;
    this.utf8 = utf8;
    this.batchSize = batchSize;
  }

  public TableCopyResult copy(TablePlan t) {
    long start = System.nanoTime();
    Counts n = new Counts();
    List<RejectedRow> rejected = new ArrayList<>();
    try (Connection src = source.connect(); Connection dst = target.open()) {
      dst.setAutoCommit(false);
      stream(t, src, dst, n, rejected);
      dst.commit();
      return result(t, n.read, n.copied, rejected, n.bytes, start, Optional.empty());
    } catch (SQLException | RuntimeException e) {
      String why = "copy failed after " + n.read + " rows: " + explain(e);
      return result(t, n.read, 0, rejected, n.bytes, start, Optional.of(why));
    }
  }

  private static final class Counts {
    long read;
    long copied;
    long bytes;
  }

  private void stream(TablePlan t, Connection src, Connection dst, Counts n,
      List<RejectedRow> rejected) throws SQLException {
    List<ColumnPlan> cols = t.copiedColumns();
    ValueEncoder[] enc = cols.stream().map(c -> Encoders.forType(c.type(), c.options()))
        .toArray(ValueEncoder[]::new);
    RowValues keys = new RowValues(t);
    BinaryCopyBuffer buf = new BinaryCopyBuffer(FLUSH_BYTES + (FLUSH_BYTES >> 2));
    String copySql = copySql(t, cols);
    CopyIn in = dst.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    long inBatch = 0;
    try (PreparedStatement ps = src.prepareStatement(SourceQueries.selectForCopy(t));
        ResultSet rs = ps.executeQuery()) {
      SqliteRow row = new SqliteRow(rs, utf8);
      buf.writeHeader();
      while (row.next()) {
        n.read++;
        buf.startRow(enc.length);
        int i = 0;
        try {
          for (; i < enc.length; i++) {
            enc[i].encode(row, i + 1, buf);
          }
          n.copied++;
          inBatch++;
        } catch (ConversionException e) {
          buf.rollbackRow();
          rejected.add(reject(t, keys, row, cols.get(i), i + 1, e.getMessage()));
        }
        if (inBatch == batchSize) {
          // End this COPY statement and start the next, in the same transaction.
          buf.writeTrailer();
          n.bytes += buf.size();
          buf.flushTo(in);
          in.endCopy();
          in = dst.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
          buf.writeHeader();
          inBatch = 0;
        } else if (buf.size() >= FLUSH_BYTES) {
          n.bytes += buf.size();
          buf.flushTo(in);
        }
      }
      buf.writeTrailer();
      n.bytes += buf.size();
      buf.flushTo(in);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static RejectedRow reject(TablePlan t, RowValues keys, SourceRow row, ColumnPlan col,
      int idx, String reason) {
    return new RejectedRow(t.source().name(), keys.describe(row), col.source().name(),
        SourceRow.typeName(row.type(idx)), RowValues.fullValue(row, idx),
        reason + " (column type " + col.type().sql() + ")");
  }

  private String copySql(TablePlan t, List<ColumnPlan> cols) {
    return "COPY " + qualified(schema, t.target()) + " ("
        + String.join(", ", cols.stream().map(c -> quote(c.target())).toList())
        + ") FROM STDIN (FORMAT binary)";
  }

  private static TableCopyResult result(TablePlan t, long read, long copied,
      List<RejectedRow> rejected, long bytes, long start, Optional<String> error) {
    return new TableCopyResult(t.source().name(), t.target(), read, copied, List.copyOf(rejected),
        bytes, (System.nanoTime() - start) / 1e9, error);
  }

  /**
   * Why the table failed, as one line with what to do: a SQLite failure (corrupt page, lock)
   * says so and names the file; a PostgreSQL one carries its SQLSTATE and advice.
   */
  private String explain(Exception e) {
    if (e instanceof SQLiteException se) {
      return "reading SQLite failed: " + SqliteSource.explain(source.path(), se);
    }
    if (e instanceof SQLException se) {
      return TargetErrors.explain(se, target);
    }
    return firstLine(e.getMessage());
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
