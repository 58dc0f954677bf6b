package dev.sqlite2pg.sync.load;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sync.Capture;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * sync's benchmark (issue 12, "Targets"; design 4.1), run by {@code bench/sync.sh}: (i) steady
 * forward lag at a write rate, from heartbeat rows read in PostgreSQL; (ii) catch-up throughput
 * from a backlog built while sync was stopped; (iii) the capture triggers' cost to the
 * application's autocommit statements, with and without them in alternating rounds. Settings come
 * from system properties (see {@code bench/sync.sh}); PostgreSQL is the tests' embedded server
 * unless {@code bench.url} names one.
 */
public final class SyncBench {

  private final Path work;
  private final double rate = Double.parseDouble(System.getProperty("bench.rate", "1000"));
  private final int threads = Integer.getInteger("bench.threads", 4);
  private final int seconds = Integer.getInteger("bench.seconds", 60);
  private final int backlog = Integer.getInteger("bench.backlog", 1_000_000);
  private final int rounds = Integer.getInteger("bench.rounds", 3);
  private final int roundSeconds = Integer.getInteger("bench.round-seconds", 10);
  private final boolean wal = !"delete".equals(System.getProperty("bench.journal", "wal"));

  private SyncBench(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench/work/sync");
    Files.createDirectories(work);
    SyncBench b = new SyncBench(work);
    String parts = System.getProperty("bench.parts", "lag,catchup,overhead");
    say(b.settings());
    if (parts.contains("lag")) {
      b.lag();
    }
    if (parts.contains("catchup")) {
      b.catchUp();
    }
    if (parts.contains("overhead")) {
      b.overhead();
    }
    System.exit(0); // the embedded server's shutdown hook stops it
  }

  private String settings() {
    return String.format(
        Locale.ROOT,
        "settings: %s journal, %.0f writes/s from %d threads + heartbeat every %d ms, lag run %d s,"
            + " backlog %,d changes, overhead %d+%d rounds of %d s, cores %d, PostgreSQL %s",
        wal ? "WAL" : "rollback",
        rate,
        threads,
        Heartbeat.EVERY_MS,
        seconds,
        backlog,
        rounds,
        rounds,
        roundSeconds,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("bench.url") == null
            ? "embedded (fsync, synchronous_commit, full_page_writes off)"
            : "at bench.url");
  }

  // ---------------------------------------------------------------------------------------------
  // (i) Lag

  private void lag() throws Exception {
    String url = database("bench_lag");
    Path db = fresh("lag.db", 10_000);
    Migrator m = migrator(db, url);
    started(m.syncStart());
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    Latencies heartbeat = new Latencies();
    Latencies batch = new Latencies();
    LoadGenerator load =
        LoadGenerator.start(new LoadGenerator.Options(db, 1, threads, rate, null, 1, false));
    try (Connection pg = DriverManager.getConnection(url);
        PreparedStatement ps =
            pg.prepareStatement(
                "SELECT (SELECT ts FROM heartbeat WHERE process = 1), s.applied,"
                    + " (extract(epoch FROM s.applied_at) * 1000)::bigint - s.source_ts"
                    + " FROM sqlite2pg.sync_state s")) {
      long warm = System.currentTimeMillis() + 3000;
      long end = warm + seconds * 1000L;
      long lastTs = 0;
      long lastApplied = 0;
      while (System.currentTimeMillis() < end && !following.isDone()) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long now = System.currentTimeMillis();
          long ts = rs.getLong(1);
          if (ts != lastTs && now > warm) {
            heartbeat.add((now - ts) * 1_000_000);
          }
          if (rs.getLong(2) != lastApplied && now > warm) {
            batch.add(rs.getLong(3) * 1_000_000);
          }
          lastTs = ts;
          lastApplied = rs.getLong(2);
        }
        Thread.sleep(5);
      }
    }
    load.stop();
    stop.set(true);
    following.get();
    say(
        "(i) lag at %.0f writes/s for %d s (%s): heartbeat now - ts seen in PostgreSQL (polled"
            + " every 5 ms, %d arrivals): p50 %d ms, p99 %d ms, max %d ms; per batch applied_at -"
            + " source_ts (%d batches): p50 %d ms, p99 %d ms, max %d ms",
        rate,
        seconds,
        load.summary(),
        heartbeat.count(),
        ms(heartbeat.percentile(50)),
        ms(heartbeat.percentile(99)),
        ms(heartbeat.max()),
        batch.count(),
        ms(batch.percentile(50)),
        ms(batch.percentile(99)),
        ms(batch.max()));
  }

  // ---------------------------------------------------------------------------------------------
  // (ii) Catch-up

  /**
   * The backlog: the copy done, sync not running, then UPDATEs of every order line (3 rows per
   * customer) and every customer until {@code backlog} changes are captured; then sync run, timed
   * until it has applied them all.
   */
  private void catchUp() throws Exception {
    String url = database("bench_catchup");
    int customers = Math.max(1000, backlog / 10);
    Path db = fresh("catchup.db", customers);
    Migrator m = migrator(db, url);
    started(m.syncStart());
    long from = SyncChecks.applied(url);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      while (SyncChecks.captured(db) - from < backlog) {
        long left = backlog - (SyncChecks.captured(db) - from);
        s.executeUpdate(
            left >= 3L * customers
                ? "UPDATE order_lines SET qty = qty + 1"
                : "UPDATE customers SET credit = coalesce(credit, 0) + 1 WHERE id IN (SELECT id"
                    + " FROM customers LIMIT "
                    + left
                    + ")");
      }
    }
    long captured = SyncChecks.captured(db);
    double built = (System.nanoTime() - t0) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    AtomicBoolean stop = new AtomicBoolean();
    long start = System.nanoTime();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> m.syncRun(stop::get));
    long peak = 0;
    while (SyncChecks.applied(url) < captured) {
      if (running.isDone()) {
        running.get();
      }
      peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
      Thread.sleep(20);
    }
    double took = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    running.get();
    say(
        "(ii) catch-up: %,d changes (built in %.1f s by bulk UPDATEs with sync stopped; %,d"
            + " customers, %,d order lines) applied in %.1f s: %,.0f changes/s; JVM heap %d MB"
            + " before, peak %d MB while applying",
        captured - from,
        built,
        customers,
        3L * customers,
        took,
        (captured - from) / took,
        heapBefore >> 20,
        peak >> 20);
  }

  // ---------------------------------------------------------------------------------------------
  // (iii) Capture overhead

  /**
   * Rounds without and with the capture triggers, alternating (the first one alternates too): a
   * paced round at the benchmark's rate (median and p99 latency of each autocommit statement,
   * throughput reached), and an unpaced round of one writer (the most statements a second).
   */
  private void overhead() throws Exception {
    Path db = fresh("overhead.db", 10_000);
    List<Double> offP50 = new ArrayList<>();
    List<Double> onP50 = new ArrayList<>();
    List<Double> offRate = new ArrayList<>();
    List<Double> onRate = new ArrayList<>();
    List<Double> offMax = new ArrayList<>();
    List<Double> onMax = new ArrayList<>();
    for (int i = 0; i < 2 * rounds; i++) {
      boolean on = (i % 2 == 0) == ((i / 2) % 2 == 1);
      setCapture(db, on);
      LoadGenerator paced =
          LoadGenerator.start(new LoadGenerator.Options(db, 1, threads, rate, null, 1, false));
      Thread.sleep(roundSeconds * 1000L);
      paced.stop();
      LoadGenerator flat =
          LoadGenerator.start(new LoadGenerator.Options(db, 1, 1, 1e6, null, 1, false));
      Thread.sleep(roundSeconds * 500L);
      flat.stop();
      double p50 = paced.latencies().percentile(50) / 1000.0;
      (on ? onP50 : offP50).add(p50);
      (on ? onRate : offRate).add(paced.operations() / paced.seconds());
      (on ? onMax : offMax).add(flat.operations() / flat.seconds());
      say(
          "(iii) round %d, capture %s: paced p50 %.0f µs, p99 %.0f µs, %.0f ops/s; unpaced one"
              + " writer %.0f ops/s (p50 %.0f µs)",
          i + 1,
          on ? "on " : "off",
          p50,
          paced.latencies().percentile(99) / 1000.0,
          paced.operations() / paced.seconds(),
          flat.operations() / flat.seconds(),
          flat.latencies().percentile(50) / 1000.0);
    }
    setCapture(db, false);
    say(
        "(iii) capture overhead, medians of %d rounds each: per autocommit statement %.0f µs"
            + " without, %.0f µs with (+%.0f µs); at %.0f writes/s %.0f vs %.0f ops/s reached"
            + " (%.1f %% loss); one unpaced writer %.0f vs %.0f ops/s (%.1f %% fewer)",
        rounds,
        median(offP50),
        median(onP50),
        median(onP50) - median(offP50),
        rate,
        median(offRate),
        median(onRate),
        100 * (1 - median(onRate) / median(offRate)),
        median(offMax),
        median(onMax),
        100 * (1 - median(onMax) / median(offMax)));
  }

  private static void setCapture(Path db, boolean on) throws SQLException {
    try (Connection c = Capture.writable(db)) {
      if (Capture.installed(c)) {
        Capture.remove(c);
      }
      if (on) {
        Capture.install(c, Capture.tables(new CatalogReader(c).read()));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private Path fresh(String name, int customers) throws Exception {
    Path db = work.resolve(name);
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
    return LoadSchema.create(db, wal, false, customers);
  }

  private static String database(String hint) {
    String url = System.getProperty("bench.url");
    if (url == null) {
      return TestPostgres.newDatabase(hint);
    }
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS sqlite2pg CASCADE");
      s.execute("DROP SCHEMA IF EXISTS public CASCADE");
      s.execute("CREATE SCHEMA public");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not empty " + hint, e);
    }
    return url;
  }

  private static Migrator migrator(Path db, String url) {
    return Migrator.configure().source(db).target(new JdbcTarget(url)).build();
  }

  private static void started(MigrationResult r) {
    if (r.exitCode() != 0) {
      throw new IllegalStateException("sync start failed: " + r);
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n == 0 ? 0 : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static void say(String format, Object... args) {
    System.out.println("sync-bench: " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
