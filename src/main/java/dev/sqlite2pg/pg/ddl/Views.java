package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetNames;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.translate.Translation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates the views whose SQL translates, after the tables. A view that uses another view is
 * retried once the others exist; a view that still fails is reported with its SQLite text.
 */
public final class Views {

  private final String schema;
  private final Translator translator;

  private final boolean resume;

  Views(String schema, Translator translator, boolean resume) {
    this.schema = schema;
    this.translator = translator;
    this.resume = resume;
  }

  /** A view's translation, with tables and columns named as the plan names them. */
  public static Translation translate(SchemaObject v, Plan plan, Translator translator) {
    Map<String, String> tableNames = new HashMap<>();
    Map<String, String> columnNames = new HashMap<>();
    for (TablePlan t : plan.tables()) {
      tableNames.put(t.source().name().toLowerCase(Locale.ROOT), t.target());
      for (ColumnPlan col : t.columns()) {
        columnNames.putIfAbsent(col.source().name().toLowerCase(Locale.ROOT), col.target());
      }
    }
    Map<String, String> viewNames =
        TargetNames.of(plan.catalog().views().stream().map(SchemaObject::name).toList(), false);
    viewNames.forEach((k, name) -> tableNames.putIfAbsent(k.toLowerCase(Locale.ROOT), name));
    return translator.view(
        v.sql(),
        v.columns(),
        n -> quote(tableNames.getOrDefault(n.toLowerCase(Locale.ROOT), n)),
        n -> quote(columnNames.getOrDefault(n.toLowerCase(Locale.ROOT), n)));
  }

  void create(Connection c, Plan plan, List<Warning> warnings, List<NotMigrated> notMigrated) {
    try (Statement s = c.createStatement()) {
      // The translated views name tables unqualified: resolve them in the target schema.
      s.execute("SET search_path TO " + quote(schema) + ", public");
    } catch (SQLException e) {
      warnings.add(Warning.general("could not set search_path for views: " + e.getMessage()));
    }
    List<SchemaObject> views = plan.catalog().views();
    List<SchemaObject> pending = new ArrayList<>(views);
    Map<String, String> lastError = new HashMap<>();
    for (int pass = 0; pass < 3 && !pending.isEmpty(); pass++) {
      List<SchemaObject> failed = new ArrayList<>();
      for (SchemaObject v : pending) {
        Translation r = translate(v, plan, translator);
        if (r.sql().isEmpty()) {
          notMigrated.add(new NotMigrated("view", v.name(), r.reason(), v.sql()));
          continue;
        }
        try (Statement s = c.createStatement()) {
          s.execute(r.sql().get());
        } catch (SQLException e) {
          if (resume && "42P07".equals(e.getSQLState())) {
            continue; // created before the interruption
          }
          failed.add(v);
          lastError.put(v.name(), e.getMessage().lines().findFirst().orElse(""));
        }
      }
      pending = failed;
    }
    for (SchemaObject v : pending) {
      notMigrated.add(
          new NotMigrated(
              "view",
              v.name(),
              "PostgreSQL refused the translated view: " + lastError.get(v.name()),
              v.sql()));
      warnings.add(
          Warning.general("view " + v.name() + " not created: " + lastError.get(v.name())));
    }
  }
}
