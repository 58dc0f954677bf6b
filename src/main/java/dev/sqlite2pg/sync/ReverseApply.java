package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.convert.reverse.ColumnSample;
import dev.sqlite2pg.convert.reverse.ColumnShape;
import dev.sqlite2pg.convert.reverse.ReverseException;
import dev.sqlite2pg.convert.reverse.ReverseValue;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL's changes back into SQLite (design 3.8): the batch {@link ReverseChanges} reads, each
 * value written in the shape the application wrote the column's values ({@link ReverseValue},
 * learned from a sample of SQLite's own values), AUTOINCREMENT marks raised. Runs in transactions
 * both callers opened: rollback's, whose PostgreSQL commit consumes the batch, or sync run's after
 * a cut-over.
 *
 * <p>A table with a key: each key the batch touched is deleted, or replaced by its row now (INSERT
 * OR REPLACE: a row whose UNIQUE value another key took is replaced too, and comes back when its
 * own key is applied). A table without a key: each row image deleted once or inserted. Row images
 * are deltas, so the ids of those applied are recorded in SQLite's {@code sqlite2pg_state} in the
 * same transaction, and consumed in PostgreSQL first thing next time: a crash between the two
 * commits never applies one twice.
 */
public final class ReverseApply {

  private static final String IMAGES = "reverse:images";

  private final String schema;
  private final Map<String, Table> tables = new HashMap<>();

  /** A table written back: its plan and one reverse value per column copied. */
  private record Table(
      TablePlan plan, Map<String, ColumnPlan> byTarget, Map<String, ReverseValue> values) {}

  /** What one batch brought back. */
  public record Applied(ReverseChanges.Batch batch) {
    public long changes() {
      return batch.ids().size();
    }
  }

  /** Learns each copied column's shape from SQLite's values now (a read of 1,000 per column). */
  public ReverseApply(String schema, List<TablePlan> plans, Connection sqlite) throws SQLException {
    this.schema = schema;
    for (TablePlan p : plans) {
      Map<String, ColumnPlan> byTarget = new HashMap<>();
      Map<String, ReverseValue> values = new HashMap<>();
      for (ColumnPlan c : p.copiedColumns()) {
        if (c.source().generated() != dev.sqlite2pg.catalog.Column.Generated.NONE) {
          continue; // SQLite computes it
        }
        byTarget.put(c.target(), c);
        List<Object> sample =
            ColumnSample.read(
                sqlite, p.source().name(), c.source().name(), ColumnSample.DEFAULT_SIZE);
        values.put(
            c.target(),
            new ReverseValue(c.source().name(), ColumnShape.of(c.type(), c.options(), sample)));
      }
      tables.put(p.target(), new Table(p, byTarget, values));
    }
  }

  /** Every pending change, applied within both callers' transactions. */
  public Applied within(Connection pg, Connection sqlite) throws SQLException {
    return within(pg, sqlite, Integer.MAX_VALUE);
  }

  /** At most about {@code limit} pending changes (whole transactions), as {@link #within}. */
  public Applied within(Connection pg, Connection sqlite, int limit) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute("SET LOCAL TimeZone = 'UTC'"); // the text ReverseValue reads
    }
    ReverseChanges.consume(pg, recordedImages(sqlite)); // applied before a crash: never twice
    long captured = Changelog.highest(sqlite);
    ReverseChanges.Batch batch =
        new ReverseChanges(schema)
            .within(
                pg, limit, (t, whole, rs) -> write(sqlite, tables.get(t.table()), t, whole, rs));
    raiseSequences(sqlite, batch);
    recordImages(sqlite, batch.images());
    Changelog.forget(sqlite, captured); // forward capture saw our own writes: PostgreSQL has them
    return new Applied(batch);
  }

  /** Deletes the batch's changes in PostgreSQL, in the caller's transaction. */
  public void consumed(Connection pg, Applied applied) throws SQLException {
    ReverseChanges.consume(pg, applied.batch());
  }

  private void write(Connection sqlite, Table t, ReverseTable reverse, boolean whole, ResultSet rs)
      throws SQLException {
    String source = quote(t.plan().source().name());
    if (whole) {
      try (Statement s = sqlite.createStatement()) {
        s.execute("DELETE FROM " + source); // truncated: the rows below are all it has now
      }
    }
    List<String> columns = new ArrayList<>();
    for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
      columns.add(rs.getMetaData().getColumnName(i));
    }
    List<String> copied = columns.stream().filter(t.byTarget()::containsKey).toList();
    List<String> key = reverse.key();
    try (PreparedStatement insert =
            sqlite.prepareStatement(insertSql(t, copied, !reverse.images()));
        PreparedStatement delete =
            sqlite.prepareStatement(
                reverse.images() ? deleteOneSql(t, copied) : deleteKeySql(t, key))) {
      while (rs.next()) {
        boolean insertRow = rs.getString(1).equals("I");
        List<String> bound = insertRow ? copied : reverse.images() ? copied : key;
        PreparedStatement ps = insertRow ? insert : delete;
        for (int i = 0; i < bound.size(); i++) {
          ps.setObject(i + 1, value(t, rs, columns.indexOf(bound.get(i)) + 2, bound.get(i)));
        }
        ps.executeUpdate();
      }
    }
  }

  private static Object value(Table t, ResultSet rs, int col, String target) throws SQLException {
    try {
      return t.values().get(target).read(rs, col);
    } catch (ReverseException e) {
      throw new SQLException(
          "rollback: "
              + t.plan().source().name()
              + "."
              + t.byTarget().get(target).source().name()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static String insertSql(Table t, List<String> copied, boolean replace) {
    return (replace ? "INSERT OR REPLACE INTO " : "INSERT INTO ")
        + quote(t.plan().source().name())
        + " ("
        + copied.stream()
            .map(c -> quote(t.byTarget().get(c).source().name()))
            .collect(Collectors.joining(", "))
        + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(copied.size(), "?"))
        + ")";
  }

  private static String deleteKeySql(Table t, List<String> key) {
    return "DELETE FROM "
        + quote(t.plan().source().name())
        + " WHERE "
        + key.stream()
            .map(k -> quote(t.byTarget().get(k).source().name()) + " IS ?")
            .collect(Collectors.joining(" AND "));
  }

  /** One row equal to the image, not every duplicate of it (4.4 #10). */
  private static String deleteOneSql(Table t, List<String> copied) {
    String table = quote(t.plan().source().name());
    return "DELETE FROM "
        + table
        + " WHERE rowid = (SELECT rowid FROM "
        + table
        + " WHERE "
        + copied.stream()
            .map(c -> quote(t.byTarget().get(c).source().name()) + " IS ?")
            .collect(Collectors.joining(" AND "))
        + " LIMIT 1)";
  }

  /** AUTOINCREMENT: an id PostgreSQL gave out is never given out again by SQLite. */
  private void raiseSequences(Connection sqlite, ReverseChanges.Batch batch) throws SQLException {
    for (ReverseTable r : batch.tables()) {
      Table t = tables.get(r.table());
      if (t == null || !t.plan().source().autoincrement()) {
        continue;
      }
      String name = t.plan().source().name();
      try (PreparedStatement up =
          sqlite.prepareStatement(
              "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(rowid) FROM "
                  + quote(name)
                  + "), 0)) WHERE name = ?")) {
        up.setString(1, name);
        if (up.executeUpdate() == 0) {
          try (PreparedStatement in =
              sqlite.prepareStatement(
                  "INSERT INTO sqlite_sequence (name, seq) SELECT ?, coalesce(max(rowid), 0) FROM "
                      + quote(name))) {
            in.setString(1, name);
            in.executeUpdate();
          }
        }
      }
    }
  }

  private static List<Long> recordedImages(Connection sqlite) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement ps =
        sqlite.prepareStatement("SELECT v FROM sqlite2pg_state WHERE k = ?")) {
      ps.setString(1, IMAGES);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && !rs.getString(1).isEmpty()) {
          for (String id : rs.getString(1).split(",")) {
            out.add(Long.parseLong(id));
          }
        }
      }
    }
    return out;
  }

  private static void recordImages(Connection sqlite, List<Long> ids) throws SQLException {
    try (PreparedStatement ps =
        sqlite.prepareStatement("INSERT OR REPLACE INTO sqlite2pg_state (k, v) VALUES (?, ?)")) {
      ps.setString(1, IMAGES);
      ps.setString(2, ids.stream().map(id -> Long.toString(id)).collect(Collectors.joining(",")));
      ps.executeUpdate();
    }
  }
}
