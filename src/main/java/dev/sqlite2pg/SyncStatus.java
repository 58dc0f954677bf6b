package dev.sqlite2pg;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a sync stands (design 3.10), read from both sides: the SQLite file's changelog and the
 * target's {@code sqlite2pg.sync_state}. What {@code sync status} prints and {@code /status}
 * serves; the JSON field names are a stable interface (new fields may be added, none renamed).
 *
 * @param phase what sync is doing now
 * @param capturedId the highest change id SQLite's changelog has given out
 * @param appliedId the highest change id the target holds (0 before sync started)
 * @param pendingChanges changes captured and not applied yet
 * @param lag forward lag: now minus the writer's clock of the oldest pending change; zero when none
 *     is pending
 * @param lastApplyAt when the target last committed a batch
 * @param startedAt when sync start finished its copy
 * @param follower the process following, as PostgreSQL sees it, when one is
 * @param tables the captured tables, by source name
 * @param lastVerify the last {@code sync verify}, when one ran
 * @param cutover the cut-over, once one committed its PostgreSQL side (design 3.7)
 * @param reversePending changes the application made on PostgreSQL not yet in SQLite (design 3.8)
 * @param reverseLag now minus the oldest of those, on PostgreSQL's clock; zero when none
 */
public record SyncStatus(
    Phase phase,
    long boundary,
    long capturedId,
    long appliedId,
    long pendingChanges,
    Duration lag,
    Optional<Instant> lastApplyAt,
    Optional<Instant> startedAt,
    Optional<String> follower,
    List<Table> tables,
    Optional<Verified> lastVerify,
    Optional<Cutover> cutover,
    long reversePending,
    Duration reverseLag) {

  /** A {@code sync verify}: the change it compared at, when, and whether PostgreSQL was equal. */
  public record Verified(long changeId, Instant at, boolean equal) {}

  /**
   * A cut-over (design 3.7).
   *
   * @param changeId the last change SQLite took: everything up to it is in PostgreSQL
   * @param drained the changes applied while SQLite's write lock was held
   * @param at when SQLite's commit decided it, once it did
   * @param lockMs how long sqlite2pg held SQLite's write lock, in milliseconds
   * @param foreignKeys "validating", "valid", or which foreign keys existing rows violate
   */
  public record Cutover(
      long changeId,
      long drained,
      Optional<Instant> at,
      double lockMs,
      Optional<String> foreignKeys) {}

  /** What {@code sync status} exits with when sync is not healthy or lags beyond the limit. */
  public static final int UNHEALTHY = 8;

  /** The phases, as printed and in JSON (lower case, underscores). */
  public enum Phase {
    /** The SQLite file has no capture: sync start has not run, or sync stop removed it. */
    NOT_STARTED,
    /** sync start is copying; changes accumulate in the changelog meanwhile. */
    COPYING,
    /** Capture is installed but the copy did not finish (sync start stopped or died). */
    COPY_INTERRUPTED,
    /** A sync process applies changes as they come. */
    FOLLOWING,
    /** Sync started, but no process applies changes: run sync run. */
    STOPPED,
    /** A cut-over stopped between its PostgreSQL commit and its end: cutover --resume. */
    CUTTING_OVER,
    /** Cut over: PostgreSQL takes the application's writes; SQLite refuses them. */
    CUT_OVER,
    /** A rollback stopped after PostgreSQL committed it: both refuse writes; rollback --resume. */
    ROLLING_BACK;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One captured table.
   *
   * @param mode "key" (followed by its key) or "image" (no key: followed by row images)
   * @param appliedChanges changes applied since sync started
   * @param pendingChanges changes captured and not applied yet
   * @param paused why apply is paused for the table, when it is (design 3.5)
   */
  public record Table(
      String name,
      String mode,
      long appliedChanges,
      long pendingChanges,
      Optional<String> paused) {}

  /** Healthy: following, no table paused, and the lag within {@code maxLag}. */
  public boolean healthy(Duration maxLag) {
    if (phase == Phase.CUT_OVER) {
      return true; // nothing left to follow: the application writes to PostgreSQL
    }
    return phase == Phase.FOLLOWING
        && tables.stream().noneMatch(t -> t.paused().isPresent())
        && lag.compareTo(maxLag) <= 0;
  }

  /** 0 when {@link #healthy}, else {@link #UNHEALTHY}. */
  public int exitCode(Duration maxLag) {
    return healthy(maxLag) ? 0 : UNHEALTHY;
  }

  /** Why it is not healthy, in words ("" when it is). */
  public String problem(Duration maxLag) {
    if (phase != Phase.FOLLOWING) {
      return switch (phase) {
        case NOT_STARTED -> "sync has not started: run sqlite2pg sync start";
        case COPYING -> "sync start is still copying";
        case COPY_INTERRUPTED ->
            "the copy of sync start did not finish: run sqlite2pg sync start" + " again";
        case CUTTING_OVER ->
            "a cut-over stopped before it finished: run sqlite2pg cutover --resume";
        case CUT_OVER -> "";
        case ROLLING_BACK ->
            "a rollback stopped before SQLite took the writes again: run sqlite2pg rollback"
                + " --resume";
        default -> "no process applies changes: run sqlite2pg sync run";
      };
    }
    List<String> paused =
        tables.stream().filter(t -> t.paused().isPresent()).map(Table::name).toList();
    if (!paused.isEmpty()) {
      return "apply is paused for " + String.join(", ", paused);
    }
    if (lag.compareTo(maxLag) > 0) {
      return String.format(
          Locale.ROOT,
          "lag %.3f s is over the limit of %.3f s",
          lag.toMillis() / 1000.0,
          maxLag.toMillis() / 1000.0);
    }
    return "";
  }

  /** The JSON of {@code sync status --json} and {@code /status}. */
  public String toJson(Duration maxLag) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("phase", phase.label());
      g.writeBooleanField("healthy", healthy(maxLag));
      g.writeStringField("problem", problem(maxLag));
      g.writeNumberField("lag_seconds", lag.toMillis() / 1000.0);
      g.writeNumberField("max_lag_seconds", maxLag.toMillis() / 1000.0);
      g.writeNumberField("pending_changes", pendingChanges);
      g.writeNumberField("captured_change_id", capturedId);
      g.writeNumberField("applied_change_id", appliedId);
      g.writeNumberField("boundary_change_id", boundary);
      instant(g, "last_apply_at", lastApplyAt);
      instant(g, "started_at", startedAt);
      if (follower.isPresent()) {
        g.writeStringField("follower", follower.get());
      } else {
        g.writeNullField("follower");
      }
      if (lastVerify.isPresent()) {
        g.writeObjectFieldStart("last_verify");
        g.writeNumberField("change_id", lastVerify.get().changeId());
        g.writeStringField("at", lastVerify.get().at().toString());
        g.writeBooleanField("equal", lastVerify.get().equal());
        g.writeEndObject();
      } else {
        g.writeNullField("last_verify");
      }
      cutover(g);
      g.writeNumberField("reverse_pending_changes", reversePending);
      g.writeNumberField("reverse_lag_seconds", reverseLag.toMillis() / 1000.0);
      g.writeArrayFieldStart("tables");
      for (Table t : tables) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("mode", t.mode());
        g.writeNumberField("applied_changes", t.appliedChanges());
        g.writeNumberField("pending_changes", t.pendingChanges());
        if (t.paused().isPresent()) {
          g.writeStringField("paused", t.paused().get());
        } else {
          g.writeNullField("paused");
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out + "\n";
  }

  private void cutover(JsonGenerator g) throws IOException {
    if (cutover.isEmpty()) {
      g.writeNullField("cutover");
      return;
    }
    Cutover c = cutover.get();
    g.writeObjectFieldStart("cutover");
    g.writeNumberField("change_id", c.changeId());
    g.writeNumberField("drained_changes", c.drained());
    instant(g, "decided_at", c.at());
    g.writeNumberField("lock_hold_ms", c.lockMs());
    if (c.foreignKeys().isPresent()) {
      g.writeStringField("foreign_keys", c.foreignKeys().get());
    } else {
      g.writeNullField("foreign_keys");
    }
    g.writeEndObject();
  }

  private static void instant(JsonGenerator g, String name, Optional<Instant> at)
      throws IOException {
    if (at.isPresent()) {
      g.writeStringField(name, at.get().toString());
    } else {
      g.writeNullField(name);
    }
  }
}
