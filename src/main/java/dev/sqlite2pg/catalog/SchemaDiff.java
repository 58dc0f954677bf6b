package dev.sqlite2pg.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether two files of a fleet have the same schema, and if not, what differs first, in words: the
 * tables, their columns (name, declared type, NOT NULL, key position, default), unique and other
 * indexes, foreign keys and CHECKs, and the views and triggers. Names compare without case, as in
 * SQLite; the CREATE text's spacing and quoting do not matter.
 */
public final class SchemaDiff {

  private SchemaDiff() {}

  /**
   * What differs in {@code other} from {@code reference} ("table x: no column y"), and how many.
   */
  public record Difference(String first, int count) {}

  public static Optional<Difference> of(Catalog reference, Catalog other) {
    List<String> out = new ArrayList<>();
    TreeMap<String, Table> ref = byName(reference.tables());
    TreeMap<String, Table> oth = byName(other.tables());
    for (String name : ref.keySet()) {
      if (!oth.containsKey(name)) {
        out.add("has no table " + ref.get(name).name());
      } else {
        table(ref.get(name), oth.get(name), out);
      }
    }
    oth.keySet().stream()
        .filter(n -> !ref.containsKey(n))
        .forEach(n -> out.add("has a table " + oth.get(n).name() + " the reference lacks"));
    objects(reference.others(), other.others(), out);
    return out.isEmpty() ? Optional.empty() : Optional.of(new Difference(out.get(0), out.size()));
  }

  private static TreeMap<String, Table> byName(List<Table> tables) {
    TreeMap<String, Table> m = new TreeMap<>();
    tables.forEach(t -> m.put(t.name().toLowerCase(Locale.ROOT), t));
    return m;
  }

  private static void table(Table a, Table b, List<String> out) {
    String where = "table " + a.name() + ": ";
    TreeMap<String, Column> ac = columns(a);
    TreeMap<String, Column> bc = columns(b);
    for (String n : ac.keySet()) {
      Column x = ac.get(n);
      Column y = bc.get(n);
      if (y == null) {
        out.add(where + "has no column " + x.name());
      } else if (!column(x).equals(column(y))) {
        out.add(where + "column " + x.name() + " is " + column(y) + ", not " + column(x));
      }
    }
    bc.keySet().stream()
        .filter(n -> !ac.containsKey(n))
        .forEach(n -> out.add(where + "has a column " + bc.get(n).name() + " the reference lacks"));
    same(where + "indexes", indexes(a), indexes(b), out);
    same(where + "foreign keys", foreignKeys(a), foreignKeys(b), out);
    same(where + "CHECK constraints", checks(a), checks(b), out);
    if (a.withoutRowid() != b.withoutRowid() || a.strict() != b.strict()) {
      out.add(where + "WITHOUT ROWID or STRICT differs");
    }
  }

  private static TreeMap<String, Column> columns(Table t) {
    TreeMap<String, Column> m = new TreeMap<>();
    t.columns().forEach(c -> m.put(c.name().toLowerCase(Locale.ROOT), c));
    return m;
  }

  /** A column in words: "INTEGER NOT NULL, key 1, DEFAULT 0". */
  private static String column(Column c) {
    StringBuilder sb = new StringBuilder(c.declaredType().trim().toUpperCase(Locale.ROOT));
    if (sb.length() == 0) {
      sb.append("untyped");
    }
    if (c.notNull()) {
      sb.append(" NOT NULL");
    }
    if (c.pkPosition() > 0) {
      sb.append(", key ").append(c.pkPosition());
    }
    c.defaultSql().ifPresent(d -> sb.append(", DEFAULT ").append(d.trim()));
    c.collation().ifPresent(co -> sb.append(", COLLATE ").append(co));
    return sb.toString();
  }

  private static List<String> indexes(Table t) {
    return t.indexes().stream()
        .map(
            ix ->
                (ix.unique() ? "UNIQUE " : "")
                    + ix.columns().stream()
                        .map(c -> c.column().orElse(c.expressionSql().orElse("?")))
                        .map(s -> s.toLowerCase(Locale.ROOT))
                        .toList()
                    + ix.whereSql().map(w -> " WHERE " + w).orElse(""))
        .sorted()
        .toList();
  }

  private static List<String> foreignKeys(Table t) {
    return t.foreignKeys().stream()
        .map(
            fk ->
                (fk.fromColumns() + " -> " + fk.toTable() + fk.toColumns())
                    .toLowerCase(Locale.ROOT))
        .sorted()
        .toList();
  }

  private static List<String> checks(Table t) {
    return t.checks().stream().map(c -> squeeze(c.expressionSql())).sorted().toList();
  }

  private static void objects(List<SchemaObject> a, List<SchemaObject> b, List<String> out) {
    same("views and triggers", texts(a), texts(b), out);
  }

  private static List<String> texts(List<SchemaObject> objects) {
    return objects.stream()
        .filter(o -> o.kind() == SchemaObject.Kind.VIEW || o.kind() == SchemaObject.Kind.TRIGGER)
        .map(o -> squeeze(o.sql()))
        .sorted()
        .toList();
  }

  private static void same(String what, List<String> a, List<String> b, List<String> out) {
    if (!a.equals(b)) {
      List<String> extra = new ArrayList<>(b);
      extra.removeAll(a);
      List<String> missing = new ArrayList<>(a);
      missing.removeAll(b);
      out.add(
          what
              + " differ"
              + (missing.isEmpty() ? "" : ": lacks " + String.join(", ", missing))
              + (extra.isEmpty()
                  ? ""
                  : (missing.isEmpty() ? ": " : "; ") + "has " + String.join(", ", extra)));
    }
  }

  /** SQL text compared without case and runs of spacing. */
  private static String squeeze(String sql) {
    return sql.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
