package dev.sqlite2pg.copy;

import dev.sqlite2pg.mapping.TablePlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Copies tables in parallel, {@code jobs} at a time, largest first so that the longest table
 * starts early and the others fill the remaining workers.
 */
public final class CopyScheduler {

  private final TableCopier copier;
  private final int jobs;

  public CopyScheduler(TableCopier copier, int jobs) {
    this.copier = copier;
    this.jobs = Math.max(1, jobs);
  }

  /** Results in the order of {@code tables}; {@code onDone} hears of each table as it ends. */
  public List<TableCopyResult> copyAll(List<TablePlan> tables, Consumer<TableCopyResult> onDone) {
    List<TablePlan> order = new ArrayList<>(tables);
    order.sort(Comparator.comparingLong(TablePlan::sourceRows).reversed());
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, order.size())),
        r -> {
          Thread th = new Thread(r, "sqlite2pg-copy");
          th.setDaemon(true);
          return th;
        });
    try {
      List<Future<TableCopyResult>> futures = new ArrayList<>();
      for (TablePlan t : order) {
        futures.add(pool.submit(() -> {
          TableCopyResult r = copier.copy(t);
          onDone.accept(r);
          return r;
        }));
      }
      List<TableCopyResult> done = new ArrayList<>();
      for (Future<TableCopyResult> f : futures) {
        done.add(f.get());
      }
      List<TableCopyResult> inPlanOrder = new ArrayList<>();
      for (TablePlan t : tables) {
        done.stream().filter(r -> r.sourceTable().equals(t.source().name())).findFirst()
            .ifPresent(inPlanOrder::add);
      }
      return inPlanOrder;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Copy interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("A copy worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
