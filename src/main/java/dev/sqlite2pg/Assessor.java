package dev.sqlite2pg;

import dev.sqlite2pg.assess.DatabaseAssessor;
import dev.sqlite2pg.assess.SpeedSample;
import dev.sqlite2pg.assess.TargetTrial;
import dev.sqlite2pg.assess.code.CodeScanner;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.framework.Framework;
import dev.sqlite2pg.pg.ServerFeatures;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.SqliteToPg;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.run.CatalogStep;
import dev.sqlite2pg.run.PlanStep;
import dev.sqlite2pg.run.RunContext;
import dev.sqlite2pg.run.SnapshotStep;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.translate.TargetServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * {@link Migrator#assess}: the plan as {@code plan} makes it (every value probed), then what it
 * means for a person, object by object; the time a migration takes here, measured on a sample; the
 * translated views and defaults tried on the target when asked; the application's code scanned.
 * Reads the source only (from a snapshot when it is open for writing) and writes nowhere.
 */
final class Assessor {

  private Assessor() {}

  @SuppressWarnings("try") // the snapshot is deleted on close; it is read through its source
  static Assessment run(RunContext run, AssessOptions options) {
    SqliteSource opened = SqliteSource.open(run.options().source());
    Optional<SqliteSource.Snapshot> snapshot = SnapshotStep.take(run.options().snapshot(), opened);
    try (SqliteSource.Snapshot closing = snapshot.orElse(null)) {
      SqliteSource source = snapshot.map(SqliteSource.Snapshot::source).orElse(opened);
      Catalog catalog = CatalogStep.run(run, source);
      Plan plan = PlanStep.run(run, source, catalog, true);
      // With a server at hand, translated for it (IS JSON from 16, ICU), as migrate would.
      TargetServer server =
          options.checkTarget() ? ServerFeatures.read(run.target()) : TargetServer.UNKNOWN;
      Translator translator = new SqliteToPg(plan.tables(), server);
      List<TargetCheck> checks =
          options.checkTarget() ? TargetTrial.run(run.target(), plan, translator) : List.of();
      return new Assessment(
          run.options().source(),
          size(run),
          plan.tables().size(),
          plan.tables().stream().mapToLong(t -> t.sourceRows()).sum(),
          Framework.recognise(catalog).stream().map(Framework::display).toList(),
          DatabaseAssessor.withChecks(DatabaseAssessor.assess(source, plan, translator), checks),
          options.code().isEmpty() ? List.of() : CodeScanner.scan(options.code()),
          SpeedSample.measure(source, plan, options.sample()),
          checks,
          options.checkTarget() ? Optional.of(run.target().display()) : Optional.empty());
    }
  }

  private static long size(RunContext run) {
    try {
      return Files.size(run.options().source());
    } catch (IOException e) {
      return 0; // it was just opened; a size that cannot be read is not worth failing for
    }
  }
}
