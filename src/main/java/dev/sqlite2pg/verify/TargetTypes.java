package dev.sqlite2pg.verify;

import dev.sqlite2pg.mapping.ColumnPlan;
import dev.sqlite2pg.mapping.PgType;
import dev.sqlite2pg.mapping.PgTypes;
import dev.sqlite2pg.mapping.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a plan to the tables that really are in the target, so that verify works on a target
 * loaded earlier, with other options, or by hand: tables and columns by name (the planned name,
 * else the source name, case-insensitively), types as PostgreSQL reports them.
 */
final class TargetTypes {

  private final Map<String, Map<String, String>> tables = new LinkedHashMap<>();

  TargetTypes(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT table_name, column_name, format_type(a.atttypid, a.atttypmod)"
            + " FROM information_schema.columns ic"
            + " JOIN pg_attribute a ON a.attrelid = format('%I.%I', ic.table_schema,"
            + " ic.table_name)::regclass AND a.attname = ic.column_name"
            + " WHERE ic.table_schema = ? ORDER BY table_name, ordinal_position")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
              .put(rs.getString(2), rs.getString(3));
        }
      }
    }
  }

  /** The plan adjusted to the target, or why this table cannot be compared. */
  record Match(Optional<TablePlan> plan, String problem) {}

  Match match(TablePlan t) {
    Optional<String> table = find(tables.keySet(), t.target(), t.source().name());
    if (table.isEmpty()) {
      return new Match(Optional.empty(), "MISSING: no table " + t.target() + " in the target");
    }
    Map<String, String> cols = tables.get(table.get());
    List<ColumnPlan> out = new ArrayList<>();
    for (ColumnPlan c : t.columns()) {
      Optional<String> name = find(cols.keySet(), c.target(), c.source().name());
      if (name.isEmpty()) {
        return new Match(Optional.empty(), "MISSING: column " + c.source().name()
            + " is not in " + table.get());
      }
      PgType type;
      try {
        type = PgTypes.parse(cols.get(name.get()));
      } catch (RuntimeException e) {
        return new Match(Optional.empty(), "UNSUPPORTED: column " + name.get() + " has type "
            + cols.get(name.get()) + ", which verify cannot compare");
      }
      PgType keep = type.kind() == c.type().kind() && type.sql().equals(c.type().sql())
          ? c.type() : type;
      out.add(new ColumnPlan(c.source(), name.get(), keep, c.options(), c.identity(),
          c.generatedSql(), c.rule(), c.reason()));
    }
    return new Match(Optional.of(new TablePlan(t.source(), table.get(), t.sourceRows(),
        List.copyOf(out))), null);
  }

  private static Optional<String> find(java.util.Set<String> names, String planned, String source) {
    if (names.contains(planned)) {
      return Optional.of(planned);
    }
    return names.stream().filter(n -> n.equalsIgnoreCase(source)
        || n.equalsIgnoreCase(planned)).findFirst();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
