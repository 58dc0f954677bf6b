package dev.sqlite2pg.sync;

import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a table's columns in SQLite still map to the plan apply writes them by (fitted to the
 * PostgreSQL table when the sync run started): ADD, DROP and RENAME COLUMN change them (M8), and so
 * may a rebuild.
 */
final class ColumnFit {

  private ColumnFit() {}

  /** Why they no longer map, if they do not, as the line the pause shows. */
  static Optional<String> misfit(Connection sqlite, String schema, TablePlan plan)
      throws SQLException {
    Map<String, String> columns = columns(sqlite, plan.source().name());
    Map<String, String> added = new LinkedHashMap<>();
    columns.forEach(
        (c, type) -> {
          if (plan.column(c).isEmpty()) {
            added.put(c, type);
          }
        });
    Map<String, String> dropped = new LinkedHashMap<>();
    for (ColumnPlan c : plan.columns()) {
      if (columns.keySet().stream().noneMatch(n -> n.equalsIgnoreCase(c.source().name()))) {
        dropped.put(c.source().name(), Identifiers.quote(c.target()));
      }
    }
    if (added.isEmpty() && dropped.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(DriftMessages.columns(schema, plan.target(), added, dropped));
  }

  /** The table's columns with their declared types (generated ones included, as planned). */
  private static Map<String, String> columns(Connection sqlite, String table) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        sqlite.prepareStatement("SELECT name, type FROM pragma_table_xinfo(?) WHERE hidden <> 1")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
        }
      }
    }
    return out;
  }
}
