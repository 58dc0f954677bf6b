package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.TargetConnector;

/** What every step of one run reads: its validated options, where the data goes, its mode. */
public record RunContext(MigrateOptions options, TargetConnector target, LoadMode mode) {

  public String schema() {
    return options.schema();
  }
}
