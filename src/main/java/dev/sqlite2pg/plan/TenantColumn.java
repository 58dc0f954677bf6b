package dev.sqlite2pg.plan;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.ForeignKey;
import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The merged tables of a fleet ({@code migrate --merge}): every table of the reference file's plan
 * with the tenant column first, in its primary key, in every unique constraint and at both ends of
 * every foreign key, so that keys stay unique across tenants (two tenants both have an order 1) and
 * a child refers to its own tenant's parent. Citus asks the same of a table distributed by the
 * tenant column. Every other index starts with the tenant column too: the application's queries of
 * merged tables name their tenant, and a foreign key's check then merges two index scans instead of
 * sorting both tables (1,000 files of 2,000 rows: orders to customers validated in 0.3 s instead of
 * 1.0 s).
 */
public final class TenantColumn {

  private TenantColumn() {}

  /** {@code plan}'s tables, each with {@code column} added as described above. */
  public static Plan addTo(Plan plan, String column) {
    List<TablePlan> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      if (t.source().column(column).isPresent()) {
        throw new MigrationException(
            Code.BAD_ARGUMENTS,
            "--tenant-column "
                + column
                + ": table "
                + t.source().name()
                + " already has a column of that name; choose another name");
      }
      tables.add(table(plan, t, column));
    }
    return new Plan(plan.catalog(), plan.schema(), tables, plan.warnings(), plan.notMigrated());
  }

  private static TablePlan table(Plan plan, TablePlan t, String column) {
    Table s = t.source();
    boolean keyed = !s.primaryKey().isEmpty();
    Column tenant =
        new Column(
            -1,
            column,
            "TEXT",
            true,
            Optional.empty(),
            keyed ? 1 : 0,
            Column.Generated.NONE,
            Optional.empty(),
            Optional.empty());
    List<Column> columns = new ArrayList<>(List.of(tenant));
    s.columns().stream().map(c -> keyed ? shifted(c) : c).forEach(columns::add);
    Table merged =
        new Table(
            s.name(),
            s.sql(),
            s.withoutRowid(),
            s.strict(),
            columns,
            s.indexes().stream().map(ix -> prefixed(ix, column)).toList(),
            s.foreignKeys().stream().map(fk -> prefixed(plan, fk, column)).toList(),
            s.checks(),
            s.rowidAlias(),
            s.autoincrement(),
            s.sequence());
    List<ColumnPlan> cols = new ArrayList<>();
    cols.add(
        new ColumnPlan(
            tenant,
            column,
            PgType.TEXT,
            EncoderOptions.DEFAULT,
            false,
            Optional.empty(),
            "tenant",
            "the tenant each row came from, taken from its file's name (--merge)"));
    t.columns().stream()
        .map(c -> merged.column(c.source().name()).map(c::withSource).orElse(c))
        .forEach(cols::add);
    return new TablePlan(merged, t.target(), t.sourceRows(), cols);
  }

  private static Column shifted(Column c) {
    return c.pkPosition() == 0
        ? c
        : new Column(
            c.cid(),
            c.name(),
            c.declaredType(),
            c.notNull(),
            c.defaultSql(),
            c.pkPosition() + 1,
            c.generated(),
            c.generatedSql(),
            c.collation());
  }

  private static Index prefixed(Index ix, String column) {
    List<IndexColumn> parts = new ArrayList<>();
    parts.add(new IndexColumn(Optional.of(column), Optional.empty(), false, Optional.empty()));
    parts.addAll(ix.columns());
    return new Index(ix.name(), ix.unique(), ix.origin(), parts, ix.whereSql(), ix.sql());
  }

  /** A reference that names no columns means the parent's primary key: named here, prefixed. */
  private static ForeignKey prefixed(Plan plan, ForeignKey fk, String column) {
    List<String> to =
        fk.toColumns().isEmpty()
            ? plan.table(fk.toTable())
                .map(p -> p.source().primaryKey().stream().map(Column::name).toList())
                .orElse(List.of())
            : fk.toColumns();
    if (to.isEmpty()) {
      return fk; // a parent outside the plan: PostDataBuilder reports the key as not migrated
    }
    List<String> from = new ArrayList<>(List.of(column));
    from.addAll(fk.fromColumns());
    List<String> toAll = new ArrayList<>(List.of(column));
    toAll.addAll(to);
    return fk.withColumns(from, toAll);
  }
}
