package dev.sqlite2pg.copy;

import dev.sqlite2pg.mapping.TablePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Copies tables in parallel, {@code jobs} at a time, largest first so that the longest table
 * starts early and the others fill the remaining workers; parents before children when the
 * target already enforces foreign keys.
 */
public final class CopyScheduler {

  private final TableCopier copier;
  private final int jobs;

  public CopyScheduler(TableCopier copier, int jobs) {
    this.copier = copier;
    this.jobs = Math.max(1, jobs);
  }

  /**
   * Results in the order of {@code tables}; {@code onDone} hears of each table as it ends. A
   * table waits for the tables named in {@code waitsFor} (by target name) that are also being
   * loaded: with the application's foreign keys in place, parents must load first.
   */
  public List<TableCopyResult> copyAll(List<TablePlan> tables, Map<String, Set<String>> waitsFor,
      java.util.function.UnaryOperator<TablePlan> replan, Consumer<TableCopyResult> onDone) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, tables.size())),
        r -> {
          Thread th = new Thread(r, "sqlite2pg-copy");
          th.setDaemon(true);
          return th;
        });
    try {
      Map<String, TableCopyResult> done = new HashMap<>();
      for (List<TablePlan> wave : waves(tables, waitsFor)) {
        List<Future<TableCopyResult>> futures = new ArrayList<>();
        for (TablePlan t : wave) {
          futures.add(pool.submit(() -> {
            TableCopyResult r;
            try {
              r = copier.copy(t);
            } catch (NeedsProbe e) {
              // Planned without reading every value, and a value disagreed: plan again with
              // the values probed (the table is recreated), then copy again.
              r = copier.copy(replan.apply(t));
            }
            onDone.accept(r);
            return r;
          }));
        }
        for (Future<TableCopyResult> f : futures) {
          TableCopyResult r = f.get();
          done.put(r.sourceTable(), r);
        }
      }
      return tables.stream().map(t -> done.get(t.source().name())).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Copy interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("A copy worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Groups tables into waves: each wave's tables wait only for earlier waves. Within a wave the
   * largest table starts first, so it does not finish last alone. A cycle of foreign keys
   * (possible with DEFERRABLE constraints) loads together in one wave.
   */
  static List<List<TablePlan>> waves(List<TablePlan> tables, Map<String, Set<String>> waitsFor) {
    Set<String> pending = new HashSet<>();
    tables.forEach(t -> pending.add(t.target()));
    List<TablePlan> left = new ArrayList<>(tables);
    List<List<TablePlan>> waves = new ArrayList<>();
    while (!left.isEmpty()) {
      List<TablePlan> ready = left.stream().filter(t -> waitsFor.getOrDefault(t.target(), Set.of())
          .stream().noneMatch(p -> pending.contains(p) && !p.equals(t.target()))).toList();
      List<TablePlan> wave = new ArrayList<>(ready.isEmpty() ? left : ready);
      wave.sort(Comparator.comparingLong(TablePlan::sourceRows).reversed());
      waves.add(wave);
      left.removeAll(wave);
      wave.forEach(t -> pending.remove(t.target()));
    }
    return waves;
  }
}
