package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.Warning;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.Translator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The foreign keys sync leaves out until cut-over (SQLite's writers may create orphans that would
 * stall apply): added NOT VALID inside cut-over's PostgreSQL transaction, which checks no row and
 * takes milliseconds (design 3.7 step 3), then validated once the application writes here, with
 * violations reported as migrate reports them. The names are the ones migrate would give: the same
 * builder over the same plan.
 */
public final class CutoverForeignKeys {

  private final String schema;
  private final List<PostDataItem> keys;
  private final Map<String, String> targets;

  public CutoverForeignKeys(String schema, List<TablePlan> tables, Translator translator) {
    this.schema = schema;
    this.keys =
        new PostDataBuilder(schema, tables, translator)
            .build().stream().filter(i -> i.kind().equals("foreign key")).toList();
    this.targets =
        tables.stream()
            .collect(Collectors.toMap(t -> t.source().name(), TablePlan::target, (a, b) -> a));
  }

  public int count() {
    return keys.size();
  }

  /** Adds every foreign key NOT VALID, in the caller's transaction (again, if one exists). */
  public void addNotValid(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement()) {
      for (PostDataItem k : keys) {
        s.execute(dropSql(k));
        s.execute(k.notValidSql().orElseThrow());
      }
    }
  }

  /** Drops them again: a cut-over that SQLite never committed (design 3.7, recovery). */
  public void drop(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement()) {
      for (PostDataItem k : keys) {
        s.execute(dropSql(k));
      }
    }
  }

  /**
   * Validates each, in a transaction of its own (SHARE UPDATE EXCLUSIVE: the application's writes
   * go on meanwhile); one that existing rows violate stays NOT VALID and is reported with the count
   * and sample keys of the rows, as migrate reports it.
   */
  public List<Warning> validate(Connection pg) throws SQLException {
    PostDataRunner runner = new PostDataRunner(false);
    runner.run(
        pg,
        keys.stream()
            .map(
                k ->
                    new PostDataItem(
                        k.kind(),
                        k.name(),
                        k.table(),
                        alter(k) + " VALIDATE CONSTRAINT " + quote(k.name()),
                        Optional.empty(),
                        k.violationsSql()))
            .toList());
    return runner.warnings();
  }

  private String dropSql(PostDataItem k) {
    return alter(k) + " DROP CONSTRAINT IF EXISTS " + quote(k.name());
  }

  private String alter(PostDataItem k) {
    return "ALTER TABLE " + qualified(schema, targets.get(k.table()));
  }
}
