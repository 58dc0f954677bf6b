package dev.sqlite2pg.copy;

import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.plan.TablePlan;
import java.util.List;
import java.util.Optional;

/** Table plans with only what scheduling and reports read: names and a row count. */
final class Plans {

  private Plans() {}

  /** Source {@code name} loaded into a target table of the same name. */
  static TablePlan plan(String name, long rows) {
    return plan(name, name, rows);
  }

  static TablePlan plan(String source, String target, long rows) {
    Table t =
        new Table(
            source,
            "CREATE TABLE " + source + " (id INTEGER PRIMARY KEY)",
            false,
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            false,
            Optional.empty());
    return new TablePlan(t, target, rows, List.of());
  }
}
