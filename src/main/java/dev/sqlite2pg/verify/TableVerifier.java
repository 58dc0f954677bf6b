package dev.sqlite2pg.verify;

import static dev.sqlite2pg.mapping.Identifiers.qualified;
import static dev.sqlite2pg.mapping.Identifiers.quote;

import dev.sqlite2pg.mapping.Canonical;
import dev.sqlite2pg.mapping.ColumnPlan;
import dev.sqlite2pg.mapping.ConversionException;
import dev.sqlite2pg.mapping.Encoders;
import dev.sqlite2pg.mapping.TablePlan;
import dev.sqlite2pg.mapping.ValueEncoder;
import dev.sqlite2pg.source.SourceQueries;
import dev.sqlite2pg.source.SqliteRow;
import dev.sqlite2pg.target.BinaryCopyBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Compares one table on both sides, every row and every value: reads SQLite and PostgreSQL once
 * each, reduces each row to its canonical form (the same for a faithful conversion on either
 * side, see {@link Canonical}) and compares order-independent fingerprints. A source row whose
 * values do not all convert is a rejected row and is expected to be absent.
 */
public final class TableVerifier {

  private final String schema;
  private final boolean utf8;

  public TableVerifier(String schema, boolean utf8) {
    this.schema = schema;
    this.utf8 = utf8;
  }

  public TableCheck check(TablePlan t, Connection src, Connection dst) throws SQLException {
    long start = System.nanoTime();
    List<ColumnPlan> cols = t.columns();
    long[] sourceRows = new long[1];
    RowHasher expected = source(t, cols, src, sourceRows);
    RowHasher actual = target(t, cols, dst);
    return new TableCheck(t.source().name(), t.target(), sourceRows[0], expected.count(),
        actual.count(), expected.sameAs(actual), (System.nanoTime() - start) / 1e9);
  }

  private RowHasher source(TablePlan t, List<ColumnPlan> cols, Connection src, long[] rows)
      throws SQLException {
    ValueEncoder[] enc = cols.stream().map(c -> Encoders.forType(c.type(), c.options()))
        .toArray(ValueEncoder[]::new);
    BinaryCopyBuffer scratch = new BinaryCopyBuffer(4096);
    RowHasher h = new RowHasher();
    try (PreparedStatement ps = src.prepareStatement(SourceQueries.selectForVerify(t));
        ResultSet rs = ps.executeQuery()) {
      SqliteRow row = new SqliteRow(rs, utf8);
      while (row.next()) {
        rows[0]++;
        if (!converts(row, enc, scratch)) {
          continue;
        }
        h.startRow();
        for (int i = 0; i < cols.size(); i++) {
          h.add(canonical(row, i + 1, cols.get(i)));
        }
        h.endRow();
      }
    }
    return h;
  }

  /** Only called for rows whose values all converted, so the canonical form exists. */
  private static String canonical(SqliteRow row, int col, ColumnPlan plan) {
    try {
      return Canonical.ofSource(row, col, plan.type(), plan.options());
    } catch (ConversionException e) {
      throw new IllegalStateException("A value that encoded has no canonical form: "
          + e.getMessage(), e);
    }
  }

  private static boolean converts(SqliteRow row, ValueEncoder[] enc, BinaryCopyBuffer scratch) {
    scratch.reset();
    scratch.startRow(enc.length);
    try {
      for (int i = 0; i < enc.length; i++) {
        enc[i].encode(row, i + 1, scratch);
      }
      return true;
    } catch (ConversionException e) {
      return false;
    }
  }

  private RowHasher target(TablePlan t, List<ColumnPlan> cols, Connection dst)
      throws SQLException {
    RowHasher h = new RowHasher();
    String sql = "SELECT " + String.join(", ", cols.stream().map(c -> quote(c.target())).toList())
        + " FROM " + qualified(schema, t.target());
    boolean auto = dst.getAutoCommit();
    dst.setAutoCommit(false);
    try (Statement s = dst.createStatement()) {
      s.execute("SET LOCAL TimeZone = 'UTC'");
      s.setFetchSize(5000);
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          h.startRow();
          for (int i = 0; i < cols.size(); i++) {
            h.add(Canonical.ofTarget(rs, i + 1, cols.get(i).type()));
          }
          h.endRow();
        }
      }
    } finally {
      dst.commit();
      dst.setAutoCommit(auto);
    }
    return h;
  }
}
