package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.catalog.Check;
import dev.sqlite2pg.catalog.CollationKind;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.ForeignKey;
import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetNames;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.translate.Translation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * STEP 5's statements: primary keys, unique constraints, indexes, CHECKs and foreign keys, created
 * after the data (faster, and a violation can then be reported with the rows).
 */
public final class PostDataBuilder {

  private final String schema;
  private final List<TablePlan> tables;
  private final Translator translator;
  private final Set<String> relationNames = new HashSet<>();
  private final List<NotMigrated> notMigrated = new ArrayList<>();

  public PostDataBuilder(String schema, List<TablePlan> tables, Translator translator) {
    this.schema = schema;
    this.tables = tables;
    this.translator = translator;
    tables.forEach(t -> relationNames.add(t.target()));
  }

  /** Objects that could not be rendered, with the reason; filled by {@link #build()}. */
  public List<NotMigrated> notMigrated() {
    return List.copyOf(notMigrated);
  }

  public List<PostDataItem> build() {
    List<PostDataItem> keys = new ArrayList<>();
    List<PostDataItem> rest = new ArrayList<>();
    for (TablePlan t : tables) {
      primaryKey(t).ifPresent(keys::add);
      for (Index ix : t.source().indexes()) {
        if (!ix.origin().equals("pk")) {
          index(t, ix).ifPresent(ix.origin().equals("u") ? keys::add : rest::add);
        }
      }
      for (Check ck : t.source().checks()) {
        check(t, ck).ifPresent(rest::add);
      }
    }
    // Foreign keys last: they need the referenced keys to exist.
    for (TablePlan t : tables) {
      for (ForeignKey fk : t.source().foreignKeys()) {
        foreignKey(t, fk).ifPresent(rest::add);
      }
    }
    keys.addAll(rest);
    return keys;
  }

  private String uniqueName(String wanted) {
    String name = TargetNames.shorten(wanted);
    for (int i = 1; !relationNames.add(name); i++) {
      name = TargetNames.shorten(wanted + i);
    }
    return name;
  }

  private Optional<PostDataItem> primaryKey(TablePlan t) {
    List<Column> pk = t.source().primaryKey();
    if (pk.isEmpty()) {
      return Optional.empty();
    }
    String name = uniqueName(t.target() + "_pkey");
    String columns = columnList(t, pk.stream().map(Column::name).toList());
    String sql =
        "ALTER TABLE "
            + qualified(schema, t.target())
            + " ADD CONSTRAINT "
            + quote(name)
            + " PRIMARY KEY ("
            + columns
            + ")";
    String asIndex =
        "CREATE UNIQUE INDEX "
            + quote(name)
            + " ON "
            + qualified(schema, t.target())
            + " ("
            + columns
            + ")";
    // Built as its index only when its columns are NOT NULL already: attaching it then reads no
    // rows and cannot fail, so a key that is not created leaves no index behind (a nullable key
    // column, which SQLite allows, fails at SET NOT NULL after the index was built).
    boolean notNull =
        pk.stream()
            .allMatch(
                c ->
                    t.column(c.name())
                        .map(p -> p.source().notNull() || p.identity())
                        .orElse(false));
    return Optional.of(
        new PostDataItem(
            "primary key",
            name,
            t.source().name(),
            sql,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(asIndex).filter(x -> notNull)));
  }

  private Optional<PostDataItem> index(TablePlan t, Index ix) {
    List<String> parts = new ArrayList<>();
    for (IndexColumn ic : ix.columns()) {
      Optional<String> part = indexPart(t, ix, ic);
      if (part.isEmpty()) {
        return Optional.empty();
      }
      parts.add(part.get());
    }
    String where = "";
    if (ix.whereSql().isPresent()) {
      Translation r =
          translator.expression(t.source().name(), ix.whereSql().get(), columnQuoter(t));
      if (r.sql().isEmpty()) {
        notMigrated.add(
            new NotMigrated(
                "index",
                ix.name(),
                "partial-index WHERE does not" + " translate: " + r.reason(),
                ix.sql().orElse("")));
        return Optional.empty();
      }
      where = " WHERE " + r.sql().get();
    }
    String wanted =
        ix.name().toLowerCase(Locale.ROOT).startsWith("sqlite_autoindex")
            ? t.target()
                + "_"
                + String.join(
                    "_", ix.columns().stream().map(c -> c.column().orElse("expr")).toList())
                + "_key"
            : ix.name();
    String name = uniqueName(TargetNames.of(List.of(wanted), false).get(wanted));
    String sql =
        "CREATE "
            + (ix.unique() ? "UNIQUE " : "")
            + "INDEX "
            + quote(name)
            + " ON "
            + qualified(schema, t.target())
            + " ("
            + String.join(", ", parts)
            + ")"
            + where;
    return Optional.of(
        new PostDataItem(
            ix.unique() ? "unique index" : "index",
            name,
            t.source().name(),
            sql,
            Optional.empty(),
            Optional.empty()));
  }

  private Optional<String> indexPart(TablePlan t, Index ix, IndexColumn ic) {
    String expr;
    if (ic.column().isPresent()) {
      Optional<ColumnPlan> col = t.column(ic.column().get());
      if (col.isEmpty()) {
        notMigrated.add(
            new NotMigrated(
                "index",
                ix.name(),
                "indexes the rowid, which has no" + " PostgreSQL column",
                ix.sql().orElse("")));
        return Optional.empty();
      }
      expr = quote(col.get().target());
    } else if (ic.expressionSql().isPresent()) {
      Translation r =
          translator.expression(t.source().name(), ic.expressionSql().get(), columnQuoter(t));
      if (r.sql().isEmpty()) {
        notMigrated.add(
            new NotMigrated(
                "index",
                ix.name(),
                "expression does not translate: " + r.reason(),
                ix.sql().orElse("")));
        return Optional.empty();
      }
      expr = "(" + r.sql().get() + ")";
    } else {
      notMigrated.add(
          new NotMigrated(
              "index",
              ix.name(),
              "expression index whose expression" + " could not be read",
              ix.sql().orElse("")));
      return Optional.empty();
    }
    String coll = ic.collation().map(s -> s.toUpperCase(Locale.ROOT)).orElse("BINARY");
    if (coll.equals("NOCASE")) {
      // PostgreSQL has no NOCASE; lower() gives the same equality for ASCII, as SQLite's NOCASE.
      expr = "lower(" + expr + ")";
    } else if (coll.equals("RTRIM")) {
      expr = "rtrim(" + expr + ")";
    } else if (CollationKind.of(coll) == CollationKind.APPLICATION_CASE_INSENSITIVE) {
      // Anki's unicase: the ICU collation SchemaWriter made, or lower() as for NOCASE.
      expr =
          translator.server().icu()
              ? expr + " COLLATE " + qualified(schema, coll.toLowerCase(Locale.ROOT))
              : "lower(" + expr + ")";
    } else if (!coll.equals("BINARY")) {
      notMigrated.add(
          new NotMigrated(
              "index",
              ix.name(),
              "uses collation " + coll + " that only the application defines",
              ix.sql().orElse("")));
      return Optional.empty();
    }
    return Optional.of(expr + (ic.descending() ? " DESC" : ""));
  }

  private Optional<PostDataItem> check(TablePlan t, Check ck) {
    Translation r = translator.check(t.source().name(), ck.expressionSql(), columnQuoter(t));
    String label = ck.name().orElse("CHECK (" + ck.expressionSql() + ")");
    if (r.sql().isEmpty()) {
      notMigrated.add(
          new NotMigrated(
              "check",
              t.source().name() + ": " + label,
              "does not translate: " + r.reason(),
              "CHECK (" + ck.expressionSql() + ")"));
      return Optional.empty();
    }
    String name = uniqueName(ck.name().orElse(t.target() + "_check"));
    String base =
        "ALTER TABLE "
            + qualified(schema, t.target())
            + " ADD CONSTRAINT "
            + quote(name)
            + " CHECK ("
            + r.sql().get()
            + ")";
    String violations =
        "SELECT count(*), (array_agg(ctid::text))[1:5] FROM "
            + qualified(schema, t.target())
            + " WHERE NOT ("
            + r.sql().get()
            + ")";
    return Optional.of(
        new PostDataItem(
            "check",
            name,
            t.source().name(),
            base,
            Optional.of(base + " NOT VALID"),
            Optional.of(violations)));
  }

  private Optional<PostDataItem> foreignKey(TablePlan t, ForeignKey fk) {
    Optional<TablePlan> parent =
        tables.stream().filter(p -> p.source().name().equalsIgnoreCase(fk.toTable())).findFirst();
    String label =
        t.source().name() + "(" + String.join(", ", fk.fromColumns()) + ") -> " + fk.toTable();
    if (parent.isEmpty()) {
      notMigrated.add(
          new NotMigrated(
              "foreign key",
              label,
              "references table " + fk.toTable() + ", which is not migrated",
              ""));
      return Optional.empty();
    }
    List<String> to =
        fk.toColumns().isEmpty()
            ? parent.get().source().primaryKey().stream().map(Column::name).toList()
            : fk.toColumns();
    if (to.size() != fk.fromColumns().size()) {
      notMigrated.add(
          new NotMigrated(
              "foreign key", label, "the referenced table has no" + " primary key to match", ""));
      return Optional.empty();
    }
    String name = uniqueName(t.target() + "_" + String.join("_", fk.fromColumns()) + "_fkey");
    String base =
        "ALTER TABLE "
            + qualified(schema, t.target())
            + " ADD CONSTRAINT "
            + quote(name)
            + " FOREIGN KEY ("
            + columnList(t, fk.fromColumns())
            + ") REFERENCES "
            + qualified(schema, parent.get().target())
            + " ("
            + columnList(parent.get(), to)
            + ")"
            + action(" ON UPDATE ", fk.onUpdate())
            + action(" ON DELETE ", fk.onDelete())
            + (fk.deferrable()
                ? " DEFERRABLE" + (fk.initiallyDeferred() ? " INITIALLY DEFERRED" : "")
                : "");
    return Optional.of(
        new PostDataItem(
            "foreign key",
            name,
            t.source().name(),
            base,
            Optional.of(base + " NOT VALID"),
            Optional.of(orphans(t, parent.get(), fk, to)),
            Optional.of(parent.get().source().name())));
  }

  private String orphans(TablePlan child, TablePlan parent, ForeignKey fk, List<String> to) {
    List<String> notNull = new ArrayList<>();
    List<String> match = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < to.size(); i++) {
      String c = "c." + quote(target(child, fk.fromColumns().get(i)));
      notNull.add(c + " IS NOT NULL");
      match.add("p." + quote(target(parent, to.get(i))) + " = " + c);
      keys.add(c + "::text");
    }
    return "SELECT count(*), (array_agg(concat_ws(',', "
        + String.join(", ", keys)
        + ")))[1:5] FROM "
        + qualified(schema, child.target())
        + " c WHERE "
        + String.join(" AND ", notNull)
        + " AND NOT EXISTS (SELECT 1 FROM "
        + qualified(schema, parent.target())
        + " p WHERE "
        + String.join(" AND ", match)
        + ")";
  }

  private static String action(String clause, String action) {
    if (action == null || action.equalsIgnoreCase("NO ACTION") || action.isBlank()) {
      return "";
    }
    return clause + action.toUpperCase(Locale.ROOT);
  }

  private static String target(TablePlan t, String sourceColumn) {
    return t.column(sourceColumn).map(ColumnPlan::target).orElse(sourceColumn);
  }

  private static String columnList(TablePlan t, List<String> sourceColumns) {
    return String.join(", ", sourceColumns.stream().map(c -> quote(target(t, c))).toList());
  }

  private static UnaryOperator<String> columnQuoter(TablePlan t) {
    return c -> quote(target(t, c));
  }
}
