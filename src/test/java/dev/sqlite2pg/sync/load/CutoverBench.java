package dev.sqlite2pg.sync.load;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.RollbackOptions;
import dev.sqlite2pg.RollbackResult;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cut-over's benchmark (issue 13, "Targets"): rounds of a full cut-over of a 50-table database
 * under a cooperating application writing {@code bench.rate} transactions a second, each measuring
 * the tool's lock hold, the changes drained, the pause each writer saw (its last SQLite write to
 * its first PostgreSQL write) and lost or doubled writes. The baseline, measured in the same run on
 * the same file: the pause of the runbooks' switch, a one-time {@code migrate} with the application
 * stopped (its run time, before any restart).
 */
public final class CutoverBench {

  private final Path work;
  private final int rounds = Integer.getInteger("bench.rounds", 10);
  private final double rate = Double.parseDouble(System.getProperty("bench.rate", "1000"));
  private final int threads = Integer.getInteger("bench.threads", 4);
  private final int tables = Integer.getInteger("bench.tables", 50);
  private final boolean wal = !"delete".equals(System.getProperty("bench.journal", "wal"));
  private final boolean rollback = !"false".equals(System.getProperty("bench.rollback", "true"));
  private final int reverseSeconds = Integer.getInteger("bench.reverse-seconds", 10);
  private final List<Double> rollbacks = new ArrayList<>();
  private final List<Double> reverseP99 = new ArrayList<>();
  private final List<Double> backPauses = new ArrayList<>();
  private long rollbackLost;

  private CutoverBench(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench/work/cutover");
    Files.createDirectories(work);
    new CutoverBench(work).run();
    System.exit(0); // the embedded server's shutdown hook stops it
  }

  private void run() throws Exception {
    say(
        "settings: %d tables, %.0f transactions/s from %d cooperating writers (half to 43 extra"
            + " tables), %s journal, %d rounds, lag window 2 s, cores %d, PostgreSQL embedded"
            + " (fsync off)",
        tables,
        rate,
        threads,
        wal ? "WAL" : "rollback",
        rounds,
        Runtime.getRuntime().availableProcessors());
    List<Double> locks = new ArrayList<>();
    List<Double> pauses = new ArrayList<>();
    List<Double> gaps = new ArrayList<>();
    List<Double> baselines = new ArrayList<>();
    long problems = 0;
    for (int i = 1; i <= rounds; i++) {
      Path db = fresh("round-" + i + ".db");
      baselines.add(stopAndCopyMs(db, i));
      Round r = round(db, i);
      locks.add(r.lockMs);
      pauses.add(r.maxPauseMs);
      gaps.add(r.maxGapMs);
      problems += r.problems;
      say(
          "round %d: lock held %.1f ms, %d changes drained, writers' pause from the lock max %.0f ms"
              + " (p50 %.0f), last SQLite to first PostgreSQL write max %.0f ms, %d fenced writes"
              + " retried, %d acknowledged writes, %d lost or doubled",
          i,
          r.lockMs,
          r.drained,
          r.maxPauseMs,
          r.medianPauseMs,
          r.maxGapMs,
          r.fenced,
          r.acknowledged,
          r.problems);
    }
    say(
        "lock hold: median %.1f ms, max %.1f ms over %d rounds (target p99 < 250 ms); writers'"
            + " pause from the lock (worst writer per round): median %.0f ms, max %.0f ms (target"
            + " < 1 s); last SQLite to first PostgreSQL write (worst writer): median %.0f ms, max"
            + " %.0f ms; lost or doubled: %d",
        median(locks),
        Collections.max(locks),
        rounds,
        median(pauses),
        Collections.max(pauses),
        median(gaps),
        Collections.max(gaps),
        problems);
    if (rollback) {
      say(
          "rollback: took median %.0f ms, max %.0f ms (target < 5 s); reverse lag p99 median %.0f"
              + " ms, max %.0f ms (target < 1 s); writers' pause back to SQLite median %.0f ms,"
              + " max %.0f ms (target: the whole rollback < 1 min); acknowledged writes missing"
              + " from SQLite: %d",
          median(rollbacks),
          Collections.max(rollbacks),
          median(reverseP99),
          Collections.max(reverseP99),
          median(backPauses),
          Collections.max(backPauses),
          rollbackLost);
    }
    say(
        "baseline, the same file moved by a one-time migrate with the application stopped: median"
            + " %.0f ms; the cooperating application's longest gap is %.1fx shorter",
        median(baselines), median(baselines) / median(pauses));
  }

  private record Round(
      double lockMs,
      long drained,
      double maxPauseMs,
      double medianPauseMs,
      double maxGapMs,
      long fenced,
      long acknowledged,
      long problems) {}

  private Round round(Path db, int i) throws Exception {
    String url = TestPostgres.newDatabase("bench_cutover_" + i);
    Path flag = work.resolve("round-" + i + ".flag");
    Files.deleteIfExists(flag);
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    started(m.syncStart());
    Cooperating app = Cooperating.start(db, url, flag, threads, rate, tables - 7);
    follow(m, 3_000);
    if (!m.syncVerify().equal()) {
      throw new IllegalStateException("sync verify found differences in round " + i);
    }
    CutoverResult r =
        m.cutover(
            CutoverOptions.defaults()
                .withLag(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withOnCutover("touch '" + flag + "'"));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("cutover failed: " + r);
    }
    say(
        "  steps: %s",
        r.steps().stream()
            .map(st -> String.format(Locale.ROOT, "%s %.1f ms", st.name(), st.ms()))
            .toList());
    Thread.sleep(2_000);
    app.stop();
    say("  longest pause: %s", app.worst());
    List<Double> gaps = app.gapsMs();
    java.time.Instant locked = r.at().orElseThrow().minusNanos((long) (r.lockMs() * 1e6));
    List<Double> pauses = app.pausesFrom(locked);
    long cutoverProblems = app.differences().size();
    if (rollback) {
      back(m, db, url, flag, app, i);
    }
    return new Round(
        r.lockMs(),
        r.drained(),
        pauses.isEmpty() ? Double.NaN : Collections.max(pauses),
        median(pauses),
        gaps.isEmpty() ? Double.NaN : Collections.max(gaps),
        app.fenced(),
        app.credit.size() + app.orders.size() + app.extra.size(),
        cutoverProblems);
  }

  /**
   * The way back (issue 14): a second application instance writes to PostgreSQL while sync run
   * brings its writes into SQLite (the reverse lag sampled inside PostgreSQL every 5 ms), then sync
   * run stops and rollback runs; the instance goes on on SQLite, and every write either instance
   * acknowledged is in SQLite.
   */
  private void back(Migrator m, Path db, String url, Path flag, Cooperating first, int i)
      throws Exception {
    Cooperating app = Cooperating.start(db, url, flag, threads, rate, tables - 7, 1 + threads);
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    Latencies lag = new Latencies();
    try (java.sql.Connection pg = java.sql.DriverManager.getConnection(url)) {
      dev.sqlite2pg.sync.ReverseChanges changes = new dev.sqlite2pg.sync.ReverseChanges("public");
      long warm = System.nanoTime() + 2_000_000_000L;
      long end = warm + reverseSeconds * 1_000_000_000L;
      while (System.nanoTime() < end && !following.isDone()) {
        Duration d = changes.pending(pg).lag();
        if (System.nanoTime() > warm) {
          lag.add(d.toNanos());
        }
        Thread.sleep(5);
      }
    }
    stop.set(true);
    following.get();
    long t0 = System.nanoTime();
    RollbackResult r =
        m.rollback(RollbackOptions.defaults().withOnRollback("rm -f '" + flag + "'"));
    double tookMs = (System.nanoTime() - t0) / 1e6;
    if (r.exitCode() != 0) {
      throw new IllegalStateException("rollback failed: " + r);
    }
    Thread.sleep(2_000);
    app.stop();
    String sqlite = "jdbc:sqlite:" + db;
    long lost = first.differences(sqlite).size() + app.differences(sqlite).size();
    List<Double> back = app.backGapsMs();
    say(
        "  rollback: reverse lag at %.0f writes/s for %d s (%d samples): p50 %d ms, p99 %d ms,"
            + " max %d ms; rollback took %.0f ms (PostgreSQL's tables locked %.1f ms, %d changes"
            + " brought back); writers' pause back to SQLite max %.0f ms; %d writers back;"
            + " %d acknowledged writes missing from SQLite",
        rate,
        reverseSeconds,
        lag.count(),
        lag.percentile(50) / 1_000_000,
        lag.percentile(99) / 1_000_000,
        lag.max() / 1_000_000,
        tookMs,
        r.lockMs(),
        r.changes(),
        back.isEmpty() ? Double.NaN : Collections.max(back),
        app.backOnSqlite(),
        lost);
    rollbacks.add(tookMs);
    reverseP99.add(lag.percentile(99) / 1e6);
    backPauses.add(back.isEmpty() ? Double.NaN : Collections.max(back));
    rollbackLost += lost;
  }

  /** The runbook's way: the application stopped, the file migrated once; its run time. */
  private double stopAndCopyMs(Path db, int i) {
    String url = TestPostgres.newDatabase("bench_cutover_baseline_" + i);
    long t0 = System.nanoTime();
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).build().migrate();
    if (r.exitCode() != 0) {
      throw new IllegalStateException("baseline migrate failed: " + r);
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private Path fresh(String name) throws Exception {
    Path db = work.resolve(name);
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    LoadSchema.create(db, wal, false, 10_000);
    Cooperating.extraTables(db, tables - 7, 2_000);
    return db;
  }

  private static void follow(Migrator m, long ms) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    Thread.sleep(ms);
    stop.set(true);
    running.get();
  }

  private static void started(MigrationResult r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException("sync start failed: " + r);
    }
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n == 0 ? 0 : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static void say(String format, Object... args) {
    System.out.println("cutover-bench: " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
