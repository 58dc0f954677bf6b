package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.sqlite.SqliteRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows read from SQLite and sent to PostgreSQL by binary COPY through the copy's own encoders, so a
 * row (or a key) arrives exactly as the bulk copy converted it. Shared by apply and re-sync.
 */
final class RowCopy {

  private final boolean utf8;

  RowCopy(boolean utf8) {
    this.utf8 = utf8;
  }

  static String copySql(String target, List<ColumnPlan> cols) {
    return "COPY "
        + target
        + " ("
        + cols.stream().map(c -> quote(c.target())).collect(Collectors.joining(", "))
        + ") FROM STDIN (FORMAT binary)";
  }

  /**
   * Runs {@code select} (its parameters bound to {@code params}) on SQLite and COPYs its rows,
   * encoded for {@code cols}, to PostgreSQL; the number of rows.
   */
  long send(
      Connection sqlite,
      Connection pg,
      String select,
      long[] params,
      List<ColumnPlan> cols,
      String copy,
      String table)
      throws SQLException {
    ValueEncoder[] enc =
        cols.stream()
            .map(c -> Encoders.forType(c.type(), c.options()))
            .toArray(ValueEncoder[]::new);
    BinaryCopyBuffer buf = new BinaryCopyBuffer();
    buf.writeHeader();
    try (PreparedStatement ps = sqlite.prepareStatement(select)) {
      for (int i = 0; i < params.length; i++) {
        ps.setLong(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        SqliteRow row = new SqliteRow(rs, utf8);
        while (row.next()) {
          buf.startRow(enc.length);
          for (int i = 0; i < enc.length; i++) {
            encode(enc[i], row, i, buf, cols.get(i), table);
          }
        }
      }
    }
    buf.writeTrailer();
    long rows = buf.rowCount(); // before the flush, which resets the count
    if (rows > 0) {
      CopyIn in = pg.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
      try {
        buf.flushTo(in);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
    }
    return rows;
  }

  /**
   * A value that does not convert stops the batch, naming it: sync never drops a change (the copy
   * reported such rows as rejected; a new one is the application's to fix, or a --cast).
   */
  private static void encode(
      ValueEncoder enc, SqliteRow row, int i, BinaryCopyBuffer buf, ColumnPlan col, String table)
      throws SQLException {
    try {
      enc.encode(row, i, buf);
    } catch (ConversionException e) {
      throw new MigrationException(
          Code.INCOMPLETE,
          "sync: "
              + table
              + "."
              + col.source().name()
              + ": "
              + e.getMessage()
              + "; the batch is not applied (fix the value in SQLite, or --cast the column)");
    }
  }
}
