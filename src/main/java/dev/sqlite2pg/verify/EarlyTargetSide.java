package dev.sqlite2pg.verify;

import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetFit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * PostgreSQL's whole-table fingerprints, started before the source's snapshot is taken: they need
 * only the tables' names and the target's own types, and the snapshot (a file copy on one thread)
 * and the plan leave a core free that the server can use. Used only when the snapshot turns out to
 * have the same schema as the file these names came from.
 */
public final class EarlyTargetSide implements AutoCloseable {

  /** No early fingerprints: every table computes its own. */
  public static final EarlyTargetSide NONE = new EarlyTargetSide(null, Map.of());

  private final ExecutorService pool;
  private final Map<String, CompletableFuture<Fingerprint>> bySource;

  private EarlyTargetSide(ExecutorService pool, Map<String, CompletableFuture<Fingerprint>> f) {
    this.pool = pool;
    this.bySource = f;
  }

  /** Starts the fingerprint of every table of {@code names}, {@code jobs} at a time. */
  public static EarlyTargetSide start(TargetConnector target, String schema, Plan names, int jobs) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, jobs),
            r -> {
              Thread th = new Thread(r, "sqlite2pg-verify-target");
              th.setDaemon(true);
              return th;
            });
    Map<String, CompletableFuture<Fingerprint>> f = new ConcurrentHashMap<>();
    names.tables().stream()
        .sorted(java.util.Comparator.comparingLong(TablePlan::sourceRows).reversed())
        .forEach(
            t ->
                f.put(
                    t.source().name(),
                    CompletableFuture.supplyAsync(() -> fingerprint(target, schema, t), pool)));
    return new EarlyTargetSide(pool, f);
  }

  private static Fingerprint fingerprint(TargetConnector target, String schema, TablePlan t) {
    try (Connection dst = target.open()) {
      TargetSide.session(dst);
      TargetFit.Match m = new TargetFit(ExistingTables.read(dst, schema)).match(t);
      if (m.plan().isEmpty()) {
        return null; // the table check reports why; nothing to compute
      }
      TablePlan matched = m.plan().get();
      return new TargetSide(dst, schema, matched, TableKey.of(matched)).fingerprint(KeyRange.ALL);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  /** The early fingerprint of a table, when there is one to wait for. */
  Optional<CompletableFuture<Fingerprint>> of(String sourceTable) {
    return Optional.ofNullable(bySource.get(sourceTable));
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
