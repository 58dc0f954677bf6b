package dev.sqlite2pg.baseline;

import java.util.List;

/**
 * Flyway: {@code V1__baseline.sql}. On the migrated database {@code flyway baseline} (version 1 by
 * default) records it as applied without running it, and Flyway then skips every version up to 1;
 * on an empty database {@code flyway migrate} runs it.
 */
final class FlywayBaseline {

  static final String FILE = "V1__baseline.sql";

  private FlywayBaseline() {}

  static Baseline of(BaselineSql sql) {
    return new Baseline(
        List.of(new BaselineFile(FILE, sql.create())),
        """
        Flyway: put V1__baseline.sql in the migrations folder (flyway.locations), then, on the
        migrated database:
          flyway -baselineVersion=1 -baselineDescription="sqlite2pg baseline" baseline
        (or set baselineOnMigrate=true with baselineVersion=1 and run flyway migrate once).
        flyway info then lists version 1 as Baseline and nothing pending; on an empty database
        flyway migrate runs V1 and creates the schema. The next migration is V2__*.sql.
        """);
  }
}
