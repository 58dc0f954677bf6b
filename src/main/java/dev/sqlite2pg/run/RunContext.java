package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.plan.Cast;
import dev.sqlite2pg.plan.MappingConfig;
import java.util.List;

/**
 * What every step of one run reads: its validated options, where the data goes, its mode, the
 * options parsed once (the --cast rules and the mapping file), and who hears of its progress.
 */
public record RunContext(
    MigrateOptions options,
    TargetConnector target,
    LoadMode mode,
    List<Cast> casts,
    MappingConfig config,
    ProgressListener progress) {

  /** A run nobody watches. */
  public RunContext(
      MigrateOptions options,
      TargetConnector target,
      LoadMode mode,
      List<Cast> casts,
      MappingConfig config) {
    this(options, target, mode, casts, config, ProgressListener.NONE);
  }

  /** This run in another load mode. */
  public RunContext withMode(LoadMode other) {
    return new RunContext(options, target, other, casts, config, progress);
  }

  /** This run with its connections from {@code other}. */
  public RunContext withTarget(TargetConnector other) {
    return new RunContext(options, other, mode, casts, config, progress);
  }

  public String schema() {
    return options.schema();
  }

  /**
   * What the run lock keeps other runs off: the schema, or one tenant of it (the files of a merged
   * fleet load into one schema at once, each as its tenant).
   */
  public String lockName() {
    return mode.tenant().map(t -> schema() + " tenant " + t.value()).orElse(schema());
  }
}
