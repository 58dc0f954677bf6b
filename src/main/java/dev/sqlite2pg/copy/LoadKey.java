package dev.sqlite2pg.copy;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What tells whether a source row is already in the target: the source table's primary key (an
 * INTEGER PRIMARY KEY is the rowid itself), with the target columns it is copied into. A table
 * without one has no such key: its rowid is not copied, and equal rows are all data.
 */
record LoadKey(List<ColumnPlan> columns) {

  static Optional<LoadKey> of(TablePlan t) {
    List<ColumnPlan> copied = t.copiedColumns();
    List<ColumnPlan> out = new ArrayList<>();
    for (Column pk : t.source().primaryKey()) {
      Optional<ColumnPlan> c =
          copied.stream().filter(x -> x.source().name().equals(pk.name())).findFirst();
      if (c.isEmpty()) {
        // The target computes that column itself (generated), so it cannot be matched.
        return Optional.empty();
      }
      out.add(c.get());
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(new LoadKey(List.copyOf(out)));
  }

  List<String> targets() {
    return columns.stream().map(ColumnPlan::target).toList();
  }

  /** "id=7", or "(order_id, product_id)=(1, 2)" as PostgreSQL's key messages write it. */
  String label(List<String> values, Function<ColumnPlan, String> name) {
    if (columns.size() == 1) {
      return name.apply(columns.get(0)) + "=" + literal(columns.get(0), values.get(0));
    }
    List<String> names = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      names.add(name.apply(columns.get(i)));
      shown.add(literal(columns.get(i), values.get(i)));
    }
    return "(" + String.join(", ", names) + ")=(" + String.join(", ", shown) + ")";
  }

  /** Numbers as they are, anything else quoted, so that '1' and 1 or 'a b' stay readable. */
  private static String literal(ColumnPlan c, String value) {
    if (value == null) {
      return "NULL";
    }
    PgType.Kind k = c.type().kind();
    boolean number =
        k == PgType.Kind.SMALLINT
            || k == PgType.Kind.INTEGER
            || k == PgType.Kind.BIGINT
            || k == PgType.Kind.NUMERIC
            || k == PgType.Kind.REAL
            || k == PgType.Kind.DOUBLE;
    String shown = value.length() > 40 ? value.substring(0, 37) + "..." : value;
    return number ? shown : "'" + shown.replace("'", "''") + "'";
  }
}
