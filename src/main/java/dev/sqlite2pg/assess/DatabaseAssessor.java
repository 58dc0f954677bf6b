package dev.sqlite2pg.assess;

import dev.sqlite2pg.Finding;
import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.TargetCheck;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every object of one database with its findings: the schema's ({@link SchemaFindings}), each
 * table's values and keys ({@link ValueHazards}, {@link KeyHazards}), the plan's other warnings,
 * and, for a table with nothing to say, that it migrates as planned.
 */
public final class DatabaseAssessor {

  private DatabaseAssessor() {}

  /**
   * @param source the file, or its snapshot, read only
   * @param plan the plan with every value probed (as {@code plan} prints it)
   * @param translator the translations the migration would use
   */
  public static List<Finding> assess(SqliteSource source, Plan plan, Translator translator) {
    Findings out = new Findings();
    new SchemaFindings(plan, translator, out).find();
    Map<String, Map<String, List<Warning>>> byColumn = columnWarnings(plan);
    try (Connection c = source.connect()) {
      for (TablePlan t : plan.tables()) {
        new ValueHazards(c, source.origin(), t, plan.catalog().utf8(), out)
            .find(byColumn.getOrDefault(key(t.source().name()), Map.of()));
        new KeyHazards(c, t.source(), out).find();
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
    otherWarnings(plan, out);
    for (TablePlan t : plan.tables()) {
      if (!out.any("table", t.source().name())) {
        out.add(ok(t));
      }
    }
    return out.list();
  }

  /**
   * The findings after {@code --target}: a view the server refused needs rewriting after all (its
   * translation reads a table PostgreSQL will not have, or a function it lacks), and so does a
   * DEFAULT or table it refused; the server's error is the reason.
   */
  public static List<Finding> withChecks(List<Finding> findings, List<TargetCheck> checks) {
    List<Finding> out = new java.util.ArrayList<>(findings);
    for (TargetCheck c : checks) {
      if (c.passed()) {
        continue;
      }
      Finding refused =
          new Finding(
              c.kind(),
              c.object(),
              "refused_by_target",
              MigrationLevel.REWRITE,
              "translates, but the target refused it: " + c.error().orElse(""),
              0,
              List.of(),
              c.sql());
      int at = indexOf(out, c.kind(), c.object());
      if (at >= 0) {
        out.set(at, refused);
      } else {
        out.add(refused);
      }
    }
    return List.copyOf(out);
  }

  private static int indexOf(List<Finding> findings, String kind, String object) {
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      if (f.kind().equals(kind) && f.object().equals(object) && f.hazard().equals("ok")) {
        return i;
      }
    }
    return -1;
  }

  private static Finding ok(TablePlan t) {
    return Finding.of(
        "table",
        t.source().name(),
        "ok",
        MigrationLevel.AUTOMATIC,
        t.columns().size() + " columns, types from the declared types and the stored values",
        t.sourceRows());
  }

  private static Map<String, Map<String, List<Warning>>> columnWarnings(Plan plan) {
    Map<String, Map<String, List<Warning>>> out = new HashMap<>();
    for (Warning w : plan.warnings()) {
      if (w.table().isPresent() && w.column().isPresent()) {
        out.computeIfAbsent(key(w.table().get()), k -> new HashMap<>())
            .computeIfAbsent(w.column().get(), k -> new java.util.ArrayList<>())
            .add(w);
      }
    }
    return out;
  }

  /**
   * The plan's warnings no finding above stands for (a key's types unified at both ends, a
   * generated column made plain, what the catalog could not read), as they are.
   */
  private static void otherWarnings(Plan plan, Findings out) {
    for (Warning w : plan.warnings()) {
      String m = w.message();
      if (m.startsWith("created as ")
          || m.startsWith("renamed to ")
          || m.contains("is a reserved word")
          || m.startsWith("recognised ")
          || m.startsWith("generated column becomes a plain")
          || m.startsWith("not migrated (excluded")) {
        continue;
      }
      String kind =
          w.column().isPresent() ? "column" : w.table().isPresent() ? "table" : "database";
      String object =
          w.table().map(t -> w.column().map(c -> t + "." + c).orElse(t)).orElse("database");
      out.add(Finding.of(kind, object, "plan_warning", MigrationLevel.WARNING, m, 0));
    }
  }

  private static String key(String table) {
    return table.toLowerCase(Locale.ROOT);
  }
}
