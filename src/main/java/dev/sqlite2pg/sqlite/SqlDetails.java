package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Check;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.ForeignKey;
import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.catalog.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds to a table read through the PRAGMAs what only its CREATE statements say: collations,
 * generated expressions, CHECK constraints, DEFERRABLE foreign keys, AUTOINCREMENT, and the
 * expressions and WHERE clauses of indexes.
 */
final class SqlDetails {

  private SqlDetails() {}

  static Table enrich(Table t, List<String> problems) {
    ParsedTable parsed;
    try {
      parsed = CreateTableParser.parse(t.sql());
    } catch (IllegalArgumentException e) {
      problems.add(
          t.name()
              + ": its CREATE TABLE could not be read ("
              + e.getMessage()
              + "); CHECK constraints, collations and DEFERRABLE are not migrated");
      return t;
    }
    List<Column> columns = new ArrayList<>();
    List<Check> checks = new ArrayList<>(parsed.checks());
    boolean autoincrement = t.autoincrement();
    for (Column c : t.columns()) {
      Optional<ParsedColumn> pc = parsed.column(c.name());
      if (pc.isEmpty()) {
        columns.add(c);
        continue;
      }
      checks.addAll(pc.get().checks());
      autoincrement |= pc.get().autoincrement();
      columns.add(
          new Column(
              c.cid(),
              c.name(),
              c.declaredType(),
              c.notNull(),
              c.defaultSql(),
              c.pkPosition(),
              c.generated(),
              pc.get().generatedSql(),
              pc.get().collation()));
    }
    List<ForeignKey> fks = new ArrayList<>();
    for (ForeignKey fk : t.foreignKeys()) {
      Optional<ParsedForeignKey> pf = parsed.foreignKeyByPragmaId(fk.id());
      fks.add(
          pf.map(
                  p ->
                      new ForeignKey(
                          fk.id(),
                          fk.toTable(),
                          fk.fromColumns(),
                          fk.toColumns(),
                          fk.onUpdate(),
                          fk.onDelete(),
                          p.deferrable(),
                          p.initiallyDeferred()))
              .orElse(fk));
    }
    List<Index> indexes = new ArrayList<>();
    for (Index ix : t.indexes()) {
      indexes.add(enrich(ix, t.name(), problems));
    }
    return new Table(
        t.name(),
        t.sql(),
        t.withoutRowid(),
        t.strict(),
        List.copyOf(columns),
        List.copyOf(indexes),
        List.copyOf(fks),
        List.copyOf(checks),
        t.rowidAlias(),
        autoincrement,
        t.sequence());
  }

  private static Index enrich(Index ix, String table, List<String> problems) {
    if (ix.sql().isEmpty()) {
      return ix;
    }
    CreateIndexParser.ParsedIndex parsed;
    try {
      parsed = CreateIndexParser.parse(ix.sql().get());
    } catch (IllegalArgumentException e) {
      problems.add(table + ": index " + ix.name() + " could not be read (" + e.getMessage() + ")");
      return ix;
    }
    if (parsed.keyParts().size() != ix.columns().size()) {
      return ix;
    }
    List<IndexColumn> cols = new ArrayList<>();
    for (int i = 0; i < ix.columns().size(); i++) {
      IndexColumn ic = ix.columns().get(i);
      CreateIndexParser.KeyPart kp = parsed.keyParts().get(i);
      cols.add(
          ic.column().isPresent()
              ? ic
              : new IndexColumn(
                  Optional.empty(),
                  Optional.of(kp.expressionSql()),
                  ic.descending(),
                  ic.collation()));
    }
    return new Index(
        ix.name(), ix.unique(), ix.origin(), List.copyOf(cols), parsed.whereSql(), ix.sql());
  }
}
