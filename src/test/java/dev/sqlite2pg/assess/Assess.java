package dev.sqlite2pg.assess;

import dev.sqlite2pg.AssessOptions;
import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.Finding;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.TargetConnector;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/** Runs {@code assess} through the library API, as the command line does. */
final class Assess {

  private Assess() {}

  static Assessment of(Path db) {
    return of(db, NO_TARGET, false);
  }

  static Assessment of(Path db, TargetConnector target, boolean check) {
    return Migrator.configure()
        .source(db)
        .target(target)
        .build()
        .assess(new AssessOptions(List.of(), check, Duration.ofMillis(200)));
  }

  /** The findings of one hazard. */
  static List<Finding> hazard(Assessment a, String hazard) {
    return a.findings().stream().filter(f -> f.hazard().equals(hazard)).toList();
  }

  /** assess without --target never connects. */
  static final TargetConnector NO_TARGET =
      new TargetConnector() {
        @Override
        public Connection open() {
          throw new AssertionError("assess without --target must not connect");
        }

        @Override
        public String display() {
          return "(none)";
        }
      };
}
