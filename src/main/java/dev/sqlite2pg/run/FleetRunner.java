package dev.sqlite2pg.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a fleet run within one {@code --jobs} budget: as many files at a time as there are
 * jobs (or files), each with its share of the jobs for its tables; results in the files' order.
 */
public final class FleetRunner {

  private static final Logger LOG = LoggerFactory.getLogger(FleetRunner.class);

  private FleetRunner() {}

  /**
   * {@code work} applied to every file, given the file and its jobs. Jobs are divided: 4 jobs over
   * 3 stores give 2, 1 and 1; over 1,000 tenant files, 1 each, 4 files at a time.
   */
  public static <R> List<R> run(
      List<FleetFile> files, int jobs, BiFunction<FleetFile, Integer, R> work) {
    return run(files, jobs, jobs, work);
  }

  /** As above, with at most {@code filesAtOnce} files at a time. */
  public static <R> List<R> run(
      List<FleetFile> files, int jobs, int filesAtOnce, BiFunction<FleetFile, Integer, R> work) {
    int parallel = Math.max(1, Math.min(Math.min(jobs, filesAtOnce), files.size()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "sqlite2pg-file");
              t.setDaemon(true);
              return t;
            });
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<R>> pending = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        FleetFile f = files.get(i);
        int share = jobs / parallel + (i < jobs % parallel ? 1 : 0);
        pending.add(
            pool.submit(
                () -> {
                  R r = work.apply(f, Math.max(1, share));
                  LOG.info(
                      "file {} of {} ended: {}", done.incrementAndGet(), files.size(), f.name());
                  return r;
                }));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> p : pending) {
        out.add(p.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the fleet's files were loading", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
