package dev.sqlite2pg.plan;

import dev.sqlite2pg.Warning;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.ForeignKey;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives both ends of every foreign key one type. Each column's type comes from its own values, so a
 * type SQLite does not know ({@code INTEGER_OR_TEXT}: INTEGER affinity, and any value) can be
 * bigint where only integers are stored and text where one row holds text; PostgreSQL then refuses
 * the key ("Key columns ... are of incompatible types: bigint and text", the key "cannot be
 * implemented"). Both ends get the narrowest type that holds every value of both: numeric for two
 * number types, otherwise text, which holds SQLite's text of any integer, real or text value.
 */
public final class ForeignKeyTypes {

  private static final Set<PgType.Kind> NUMBERS =
      Set.of(
          PgType.Kind.SMALLINT,
          PgType.Kind.INTEGER,
          PgType.Kind.BIGINT,
          PgType.Kind.NUMERIC,
          PgType.Kind.BOOLEAN);

  /** Never widened: their values or their meaning would change (a blob is not text). */
  private static final Set<PgType.Kind> KEPT =
      Set.of(PgType.Kind.BYTEA, PgType.Kind.UUID, PgType.Kind.JSON, PgType.Kind.JSONB);

  private ForeignKeyTypes() {}

  /** The tables with both ends of each foreign key of one type; a warning for each change. */
  public static List<TablePlan> unify(List<TablePlan> tables, List<Warning> warnings) {
    Map<String, TablePlan> byName = new LinkedHashMap<>();
    tables.forEach(t -> byName.put(key(t.source().name()), t));
    // A chain (a -> b -> c) may widen b after b -> c was looked at: repeat until nothing changes.
    for (int pass = 0; pass < tables.size() + 1; pass++) {
      if (!widenOnce(byName, warnings)) {
        break;
      }
    }
    return tables.stream().map(t -> byName.get(key(t.source().name()))).toList();
  }

  private static boolean widenOnce(Map<String, TablePlan> byName, List<Warning> warnings) {
    boolean changed = false;
    for (TablePlan child : List.copyOf(byName.values())) {
      for (ForeignKey fk : child.source().foreignKeys()) {
        TablePlan parent = byName.get(key(fk.toTable()));
        if (parent == null) {
          continue;
        }
        List<String> to =
            fk.toColumns().isEmpty()
                ? parent.source().primaryKey().stream().map(Column::name).toList()
                : fk.toColumns();
        for (int i = 0; i < Math.min(to.size(), fk.fromColumns().size()); i++) {
          changed |=
              widen(
                  byName,
                  child.source().name(),
                  fk.fromColumns().get(i),
                  fk,
                  warnings,
                  parent.source().name(),
                  to.get(i));
        }
      }
    }
    return changed;
  }

  private static boolean widen(
      Map<String, TablePlan> byName,
      String childTable,
      String childColumn,
      ForeignKey fk,
      List<Warning> warnings,
      String parentTable,
      String parentColumn) {
    Optional<ColumnPlan> c = byName.get(key(childTable)).column(childColumn);
    Optional<ColumnPlan> p = byName.get(key(parentTable)).column(parentColumn);
    if (c.isEmpty() || p.isEmpty() || c.get().type().sql().equals(p.get().type().sql())) {
      return false;
    }
    Optional<PgType> wider = wider(c.get(), p.get());
    if (wider.isEmpty()) {
      return false; // PostgreSQL refuses the key, and the report says why
    }
    String link = childTable + "(" + String.join(", ", fk.fromColumns()) + ") -> " + fk.toTable();
    boolean changed = false;
    for (String[] end :
        List.of(
            new String[] {childTable, childColumn, p.get().type().sql()},
            new String[] {parentTable, parentColumn, c.get().type().sql()})) {
      TablePlan t = byName.get(key(end[0]));
      ColumnPlan col = t.column(end[1]).orElseThrow();
      if (col.type().sql().equals(wider.get().sql())) {
        continue;
      }
      String reason =
          col.reason()
              + "; "
              + wider.get().sql()
              + " to match foreign key "
              + link
              + ", whose other end is "
              + end[2];
      warnings.add(
          Warning.column(end[0], end[1], "created as " + wider.get().sql() + ": " + reason));
      byName.put(key(end[0]), replace(t, col, wider.get(), reason));
      changed = true;
    }
    return changed;
  }

  /** The narrowest type holding every value of both columns, or empty when there is none. */
  static Optional<PgType> wider(ColumnPlan a, ColumnPlan b) {
    PgType.Kind x = a.type().kind();
    PgType.Kind y = b.type().kind();
    if (KEPT.contains(x) || KEPT.contains(y) || a.identity() || b.identity()) {
      return Optional.empty(); // an identity column's values are the rowid: never widened
    }
    if (NUMBERS.contains(x) && NUMBERS.contains(y)) {
      boolean integral = x != PgType.Kind.NUMERIC && y != PgType.Kind.NUMERIC;
      return Optional.of(integral ? PgType.BIGINT : PgType.NUMERIC);
    }
    return Optional.of(PgType.TEXT);
  }

  private static TablePlan replace(TablePlan t, ColumnPlan old, PgType type, String reason) {
    List<ColumnPlan> columns = new ArrayList<>();
    for (ColumnPlan c : t.columns()) {
      columns.add(
          c != old
              ? c
              : new ColumnPlan(
                  c.source(),
                  c.target(),
                  type,
                  EncoderOptions.DEFAULT,
                  false,
                  c.generatedSql(),
                  "foreign key",
                  reason));
    }
    return new TablePlan(t.source(), t.target(), t.sourceRows(), List.copyOf(columns));
  }

  private static String key(String table) {
    return table.toLowerCase(Locale.ROOT);
  }
}
