package dev.sqlite2pg.run;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.sync.Capture;
import dev.sqlite2pg.sync.Fence;
import dev.sqlite2pg.sync.SyncState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cut-over's preconditions (design 3.7), checked before anything changes: sync started and still in
 * its sync phase, a recent equal {@code sync verify} with no table re-synced since, no paused
 * table, and every migrated table fenced in PostgreSQL. All failures are reported together.
 */
final class CutoverChecks {

  private CutoverChecks() {}

  static void check(
      Connection sqlite, Connection pg, String schema, List<String> targets, CutoverOptions o)
      throws SQLException {
    List<String> failed = new ArrayList<>();
    SyncState state = new SyncState(schema);
    if (!Capture.installed(sqlite) || state.applied(pg).isEmpty()) {
      throw refused(List.of("no sync runs into schema " + schema + ": run sqlite2pg sync start"));
    }
    SyncState.VerifyAge verify = state.verifyAge(pg);
    if (verify.age().isEmpty()) {
      failed.add("no equal sync verify yet: run sqlite2pg sync verify");
    } else if (verify.age().get().compareTo(o.verifyMaxAge()) > 0) {
      failed.add(
          "the last equal sync verify is "
              + age(verify.age().get())
              + " old, over --verify-max-age "
              + DurationText.of(o.verifyMaxAge())
              + ": run sqlite2pg sync verify again");
    } else if (!verify.resyncedSince().isEmpty()) {
      failed.add(
          String.join(", ", verify.resyncedSince())
              + " re-synced after the last sync verify: run sqlite2pg sync verify again");
    }
    Map<String, String> paused = state.paused(pg);
    paused.forEach((t, why) -> failed.add(t + " is paused: " + why));
    List<String> unfenced = Fence.missing(pg, schema, targets);
    if (!unfenced.isEmpty()) {
      failed.add(
          "PostgreSQL's fence is missing on "
              + String.join(", ", unfenced)
              + ": the application could write there before cut-over; run sqlite2pg sync run"
              + " once, which puts it back");
    }
    if (!failed.isEmpty()) {
      throw refused(failed);
    }
  }

  static MigrationException refused(List<String> why) {
    return refused("cut-over", why);
  }

  /** {@code what} ("cut-over", "rollback") refused with nothing changed, and why. */
  static MigrationException refused(String what, List<String> why) {
    return new MigrationException(
        MigrationException.Code.NOT_READY,
        what + " not started, nothing changed: " + String.join("; ", why));
  }

  private static String age(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? s / 3600 + " h " + (s % 3600) / 60 + " min"
        : s / 60 + " min " + s % 60 + " s";
  }
}
