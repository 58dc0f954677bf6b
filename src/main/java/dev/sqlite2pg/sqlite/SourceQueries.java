package dev.sqlite2pg.sqlite;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import java.util.List;
import java.util.Locale;

/**
 * The SELECTs that read a table through SQLite, for the copy and for verification. Column 0 is the
 * row's key for reports (the rowid, or NULL for a WITHOUT ROWID table), then the columns in plan
 * order. No ORDER BY: a table scan already returns rowid (or primary-key) order, and sorting would
 * cost a temporary B-tree.
 */
public final class SourceQueries {

  private SourceQueries() {}

  /**
   * The rowid (see {@link #rowidExpression}), then {@code columns}, of every row of {@code t}.
   * Verification passes every column, generated ones included: it checks PostgreSQL's computed
   * values.
   */
  public static String select(Table t, List<Column> columns) {
    StringBuilder sb = new StringBuilder("SELECT ").append(rowidExpression(t));
    for (Column c : columns) {
      sb.append(", ").append(quote(c.name()));
    }
    return sb.append(" FROM ").append(quote(t.name())).toString();
  }

  /**
   * rowid, unless a column has taken that name; then _rowid_ or oid, as SQLite documents. NULL for
   * WITHOUT ROWID tables, whose primary key identifies a row instead.
   */
  public static String rowidExpression(Table t) {
    if (t.withoutRowid()) {
      return "NULL";
    }
    List<String> names =
        t.columns().stream().map(Column::name).map(n -> n.toLowerCase(Locale.ROOT)).toList();
    for (String alias : List.of("rowid", "_rowid_", "oid")) {
      if (!names.contains(alias)) {
        return alias;
      }
    }
    return "NULL";
  }
}
