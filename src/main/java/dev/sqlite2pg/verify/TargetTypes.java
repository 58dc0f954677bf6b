package dev.sqlite2pg.verify;

import dev.sqlite2pg.mapping.ColumnPlan;
import dev.sqlite2pg.mapping.PgType;
import dev.sqlite2pg.mapping.PgTypes;
import dev.sqlite2pg.mapping.TablePlan;
import dev.sqlite2pg.target.ExistingTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches a plan to the tables that really are in the target, so that verify works on a target
 * loaded earlier, with other options, or by hand: tables and columns by name (the planned name,
 * else the source name, case-insensitively, as {@link ExistingTables} matches them), types as
 * PostgreSQL reports them.
 */
final class TargetTypes {

  private final ExistingTables existing;

  TargetTypes(Connection c, String schema) throws SQLException {
    this.existing = ExistingTables.read(c, schema);
  }

  /** The plan adjusted to the target, or why this table cannot be compared. */
  record Match(Optional<TablePlan> plan, String problem) {}

  Match match(TablePlan t) {
    Optional<String> table = existing.find(t.target(), t.source().name());
    if (table.isEmpty()) {
      return new Match(Optional.empty(), "MISSING: no table " + t.target() + " in the target");
    }
    List<ColumnPlan> out = new ArrayList<>();
    for (ColumnPlan c : t.columns()) {
      Optional<ExistingTables.Col> col = existing.column(table.get(), c.target(),
          c.source().name());
      if (col.isEmpty()) {
        return new Match(Optional.empty(), "MISSING: column " + c.source().name()
            + " is not in " + table.get());
      }
      PgType type;
      try {
        type = PgTypes.parse(col.get().typeSql());
      } catch (RuntimeException e) {
        return new Match(Optional.empty(), "UNSUPPORTED: column " + col.get().name()
            + " has type " + col.get().typeSql() + ", which verify cannot compare");
      }
      PgType keep = type.kind() == c.type().kind() && type.sql().equals(c.type().sql())
          ? c.type() : type;
      out.add(new ColumnPlan(c.source(), col.get().name(), keep, c.options(), c.identity(),
          c.generatedSql(), c.rule(), c.reason()));
    }
    return new Match(Optional.of(new TablePlan(t.source(), table.get(), t.sourceRows(),
        List.copyOf(out))), null);
  }
}
