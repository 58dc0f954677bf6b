package dev.sqlite2pg.copy;

import dev.sqlite2pg.RejectedRow;
import dev.sqlite2pg.plan.TablePlan;
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
import java.util.function.Consumer;

/**
 * Copies tables in parallel, {@code jobs} at a time, largest first so that the longest table starts
 * early and the others fill the remaining workers; parents before children when the target already
 * enforces foreign keys.
 */
public final class CopyScheduler {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(CopyScheduler.class);

  private final TableCopier copier;
  private final int jobs;

  public CopyScheduler(TableCopier copier, int jobs) {
    this.copier = copier;
    this.jobs = Math.max(1, jobs);
  }

  /**
   * Results in the order of {@code tables}; {@code onDone} hears of each table as it ends. A table
   * waits for the tables named in {@code waitsFor} (by target name) that are also being loaded:
   * with the application's foreign keys in place, parents must load first.
   */
  public List<TableCopyResult> copyAll(
      List<TablePlan> tables,
      Map<String, Set<String>> waitsFor,
      java.util.function.UnaryOperator<TablePlan> replan,
      Consumer<TableCopyResult> onDone) {
    return copyAll(tables, waitsFor, t -> List.of(Chunk.ALL), replan, onDone);
  }

  /**
   * As above, a table split by {@code split} into chunks that are copied as separate tasks: one
   * large table keeps every worker busy, and a crash costs only the unfinished chunks.
   */
  public List<TableCopyResult> copyAll(
      List<TablePlan> tables,
      Map<String, Set<String>> waitsFor,
      java.util.function.Function<TablePlan, List<Chunk>> split,
      java.util.function.UnaryOperator<TablePlan> replan,
      Consumer<TableCopyResult> onDone) {
    // One job: the tables are copied on the caller's thread. A fleet's files run with one job
    // each, and a new thread per file also meant a new batch buffer and colder code.
    ExecutorService pool =
        jobs == 1
            ? null
            : Executors.newFixedThreadPool(
                jobs,
                r -> {
                  Thread th = new Thread(r, "sqlite2pg-copy");
                  th.setDaemon(true);
                  return th;
                });
    java.util.concurrent.Executor workers = pool == null ? Runnable::run : pool;
    try {
      Map<String, TableCopyResult> done = new HashMap<>();
      for (List<TablePlan> wave : waves(tables, waitsFor)) {
        List<java.util.concurrent.CompletableFuture<TableCopyResult>> futures = new ArrayList<>();
        for (TablePlan t : wave) {
          futures.add(
              table(t, split.apply(t), replan, workers)
                  .thenApply(
                      r -> {
                        onDone.accept(r);
                        return r;
                      }));
        }
        for (java.util.concurrent.CompletableFuture<TableCopyResult> f : futures) {
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
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /** One table: its chunks as tasks, then their results as the table's. */
  private java.util.concurrent.CompletableFuture<TableCopyResult> table(
      TablePlan t,
      List<Chunk> chunks,
      java.util.function.UnaryOperator<TablePlan> replan,
      java.util.concurrent.Executor pool) {
    if (chunks.size() == 1) {
      return java.util.concurrent.CompletableFuture.supplyAsync(
          () -> {
            try {
              return copier.copy(t);
            } catch (NeedsProbe e) {
              // Planned without reading every value, and a value disagreed: plan again with
              // the values probed (the table is recreated), then copy again.
              return copier.copy(replan.apply(t));
            }
          },
          pool);
    }
    long start = System.nanoTime();
    List<java.util.concurrent.CompletableFuture<TableCopyResult>> parts = new ArrayList<>();
    for (Chunk c : chunks) {
      parts.add(
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                TableCopyResult r = copier.copy(t, c);
                LOG.info("copied {} {}: {} rows", t.source().name(), c.describe(), r.copiedRows());
                return r;
              },
              pool));
    }
    // handle, not handleAsync: in the thread that finished the last chunk, at once, rather
    // than queued behind the other tables' chunks (the table's keys wait for this).
    return java.util.concurrent.CompletableFuture.allOf(
            parts.toArray(java.util.concurrent.CompletableFuture[]::new))
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                if (!(cause instanceof NeedsProbe)) {
                  throw new java.util.concurrent.CompletionException(cause);
                }
                // A value disagreed with the plan in some chunk: the table is planned again,
                // recreated (the other chunks' rows go with it) and copied whole.
                copier.forgetChunks(t);
                return copier.copy(replan.apply(t));
              }
              List<TableCopyResult> rs =
                  parts.stream().map(java.util.concurrent.CompletableFuture::join).toList();
              TableCopyResult merged = merge(t, rs, (System.nanoTime() - start) / 1e9);
              if (merged.error().isEmpty()) {
                copier.chunksDone(t, merged.copiedRows());
              }
              return merged;
            });
  }

  /** The chunks' results as one table's: sums, all rejected rows, every chunk's error. */
  static TableCopyResult merge(TablePlan t, List<TableCopyResult> rs, double seconds) {
    List<RejectedRow> rejected = new ArrayList<>();
    rs.forEach(r -> rejected.addAll(r.rejected()));
    List<String> errors = rs.stream().flatMap(r -> r.error().stream()).toList();
    return new TableCopyResult(
        t.source().name(),
        t.target(),
        rs.stream().mapToLong(TableCopyResult::readRows).sum(),
        rs.stream().mapToLong(TableCopyResult::copiedRows).sum(),
        List.copyOf(rejected),
        rs.stream().mapToLong(TableCopyResult::bytes).sum(),
        seconds,
        errors.isEmpty()
            ? java.util.Optional.empty()
            : java.util.Optional.of(
                String.join("; ", errors)
                    + "; the other chunks are committed, --resume copies only these"));
  }

  /**
   * Groups tables into waves: each wave's tables wait only for earlier waves. Within a wave the
   * largest table starts first, so it does not finish last alone. A cycle of foreign keys (possible
   * with DEFERRABLE constraints) loads together in one wave.
   */
  static List<List<TablePlan>> waves(List<TablePlan> tables, Map<String, Set<String>> waitsFor) {
    Set<String> pending = new HashSet<>();
    tables.forEach(t -> pending.add(t.target()));
    List<TablePlan> left = new ArrayList<>(tables);
    List<List<TablePlan>> waves = new ArrayList<>();
    while (!left.isEmpty()) {
      List<TablePlan> ready =
          left.stream()
              .filter(
                  t ->
                      waitsFor.getOrDefault(t.target(), Set.of()).stream()
                          .noneMatch(p -> pending.contains(p) && !p.equals(t.target())))
              .toList();
      List<TablePlan> wave = new ArrayList<>(ready.isEmpty() ? left : ready);
      wave.sort(Comparator.comparingLong(TablePlan::sourceRows).reversed());
      waves.add(wave);
      left.removeAll(wave);
      wave.forEach(t -> pending.remove(t.target()));
    }
    return waves;
  }
}
