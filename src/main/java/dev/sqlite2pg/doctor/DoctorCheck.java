package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import java.sql.SQLException;

/** One check of the list in {@link Checkup#checks}: a name, what it needs, and how it runs. */
interface DoctorCheck {

  String name();

  /** What must have worked before this check can run. */
  Stage needs();

  /** The stage this check establishes: when it FAILs, every check needing that stage is skipped. */
  default Stage establishes() {
    return Stage.NONE;
  }

  Check run(DoctorRun run) throws SQLException;
}
