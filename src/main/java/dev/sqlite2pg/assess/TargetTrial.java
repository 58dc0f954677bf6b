package dev.sqlite2pg.assess;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.TargetCheck;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.ddl.DdlRenderer;
import dev.sqlite2pg.pg.ddl.Views;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.translate.Translation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code assess --target}: the plan's tables created in a schema of their own, every translated
 * DEFAULT set and evaluated and every translated view created there, each in a savepoint, all in
 * one transaction that is rolled back: the server ends as it was. A view that uses another view is
 * tried again once the others exist, as the migration does.
 */
public final class TargetTrial {

  private final Plan plan;
  private final Translator translator;
  private final String schema = "sqlite2pg_assess_" + UUID.randomUUID().toString().substring(0, 8);
  private final List<TargetCheck> checks = new ArrayList<>();

  private TargetTrial(Plan plan, Translator translator) {
    this.plan = plan;
    this.translator = translator;
  }

  public static List<TargetCheck> run(TargetConnector target, Plan plan, Translator translator) {
    TargetTrial trial = new TargetTrial(plan, translator);
    try (Connection c = target.open()) {
      c.setAutoCommit(false);
      try {
        trial.all(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw TargetErrors.translate("Trying the translated views and defaults", e, target);
    }
    return List.copyOf(trial.checks);
  }

  private void all(Connection c) throws SQLException {
    DdlRenderer ddl =
        new DdlRenderer(schema, (t, col) -> Optional.empty(), translator.server().icu());
    try (Statement s = c.createStatement()) {
      s.execute(ddl.createSchema());
      s.execute("SET LOCAL search_path TO " + quote(schema) + ", public");
      for (String name : ddl.collations(plan.tables())) {
        s.execute(ddl.createCollation(name));
      }
    }
    for (TablePlan t : plan.tables()) {
      Optional<String> error = attempt(c, List.of(ddl.createTable(t)));
      if (error.isPresent()) {
        checks.add(new TargetCheck("table", t.source().name(), ddl.createTable(t), error));
      } else {
        defaults(c, t);
      }
    }
    views(c);
  }

  private void defaults(Connection c, TablePlan t) throws SQLException {
    for (ColumnPlan col : t.columns()) {
      if (col.source().defaultSql().isEmpty() || col.identity() || col.generatedSql().isPresent()) {
        continue;
      }
      Translation r = translator.defaultValue(col.source().defaultSql().get(), col.type());
      if (r.sql().isPresent()) {
        String set =
            "ALTER TABLE "
                + qualified(schema, t.target())
                + " ALTER COLUMN "
                + quote(col.target())
                + " SET DEFAULT "
                + r.sql().get();
        // SET DEFAULT checks the type; the SELECT runs the expression as an INSERT would.
        String run = "SELECT (" + r.sql().get() + ")::" + col.type().sql();
        checks.add(
            new TargetCheck(
                "default",
                t.source().name() + "." + col.source().name(),
                set,
                attempt(c, List.of(set, run))));
      }
    }
  }

  private void views(Connection c) throws SQLException {
    List<SchemaObject> pending = new ArrayList<>();
    List<String> sql = new ArrayList<>();
    for (SchemaObject v : plan.catalog().views()) {
      Translation r = Views.translate(v, plan, translator);
      if (r.sql().isPresent()) {
        pending.add(v);
        sql.add(r.sql().get());
      }
    }
    List<Optional<String>> last = new ArrayList<>();
    pending.forEach(v -> last.add(Optional.of("not tried")));
    for (int pass = 0; pass < 3; pass++) {
      for (int i = 0; i < pending.size(); i++) {
        if (last.get(i).isPresent()) {
          last.set(i, attempt(c, List.of(sql.get(i))));
        }
      }
    }
    for (int i = 0; i < pending.size(); i++) {
      checks.add(new TargetCheck("view", pending.get(i).name(), sql.get(i), last.get(i)));
    }
  }

  /** Runs the statements in a savepoint; the server's first error line, or empty. */
  private static Optional<String> attempt(Connection c, List<String> statements)
      throws SQLException {
    Savepoint sp = c.setSavepoint();
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      c.releaseSavepoint(sp);
      return Optional.empty();
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        throw e; // the connection is gone: not the statement's fault
      }
      c.rollback(sp);
      return Optional.of(e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
