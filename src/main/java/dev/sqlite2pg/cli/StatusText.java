package dev.sqlite2pg.cli;

import dev.sqlite2pg.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The printed form of {@code sync status}: the facts, a table per captured table, a verdict. */
final class StatusText {

  private StatusText() {}

  static String render(SyncStatus s, Duration maxLag, Instant now) {
    StringBuilder out = new StringBuilder();
    line(out, "phase", s.phase().label() + s.follower().map(f -> " (" + f + ")").orElse(""));
    line(out, "lag", seconds(s.lag()));
    line(out, "pending changes", Long.toString(s.pendingChanges()));
    line(
        out,
        "change ids",
        String.format(
            Locale.ROOT,
            "applied %d of %d captured (copy boundary %d)",
            s.appliedId(),
            s.capturedId(),
            s.boundary()));
    line(
        out,
        "last apply",
        s.lastApplyAt()
            .map(t -> t + " (" + seconds(Duration.between(t, now)) + " ago)")
            .orElse("never"));
    line(out, "started", s.startedAt().map(Instant::toString).orElse("not yet"));
    line(
        out,
        "last verify",
        s.lastVerify()
            .map(
                v ->
                    (v.equal() ? "EQUAL" : "DIFFERENT")
                        + " at change "
                        + v.changeId()
                        + ", "
                        + v.at()
                        + " ("
                        + seconds(Duration.between(v.at(), now))
                        + " ago)")
            .orElse("never (sqlite2pg sync verify)"));
    s.cutover().ifPresent(c -> cutover(out, c, s.phase()));
    if (s.cutover().isPresent()) {
      line(
          out,
          "reverse lag",
          seconds(s.reverseLag())
              + ", "
              + s.reversePending()
              + " changes made on PostgreSQL not in SQLite yet (sync run brings them)");
    }
    if (!s.tables().isEmpty()) {
      out.append('\n')
          .append(
              String.format(
                  Locale.ROOT,
                  "%-36s %-11s %12s %10s  %s%n",
                  "TABLE",
                  "FOLLOWED BY",
                  "APPLIED",
                  "PENDING",
                  "PAUSED"));
      for (SyncStatus.Table t : s.tables()) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-36s %-11s %12d %10d  %s%n",
                t.name(),
                t.mode(),
                t.appliedChanges(),
                t.pendingChanges(),
                t.paused().orElse("")));
      }
    }
    out.append('\n');
    if (s.phase() == SyncStatus.Phase.CUT_OVER) {
      out.append("CUT OVER: PostgreSQL takes the application's writes; SQLite refuses them.\n");
      return out.toString();
    }
    out.append(
        s.healthy(maxLag)
            ? "HEALTHY: following, lag "
                + seconds(s.lag())
                + " within "
                + seconds(maxLag)
                + ", no table paused.\n"
            : "UNHEALTHY: " + s.problem(maxLag) + ".\n");
    return out.toString();
  }

  /** The cut-over's facts (design 3.7): when it was decided, the pause, the drain, the keys. */
  private static void cutover(StringBuilder out, SyncStatus.Cutover c, SyncStatus.Phase phase) {
    String decided =
        c.at()
            .map(t -> t + ", SQLite's changes up to " + c.changeId())
            .orElse("started, not decided in SQLite");
    line(
        out,
        "cut over",
        phase == SyncStatus.Phase.CUTTING_OVER
            ? decided + "; PostgreSQL not unfenced yet: sqlite2pg cutover --resume"
            : decided);
    line(
        out,
        "cut-over pause",
        String.format(
            Locale.ROOT,
            "SQLite's write lock held %.1f ms; %d changes drained",
            c.lockMs(),
            c.drained()));
    line(out, "foreign keys", c.foreignKeys().orElse("added NOT VALID, not validated yet"));
  }

  private static void line(StringBuilder out, String name, String value) {
    out.append(String.format(Locale.ROOT, "%-16s %s%n", name, value));
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f s", Math.max(0, d.toMillis()) / 1000.0);
  }
}
