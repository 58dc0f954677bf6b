package dev.sqlite2pg.sync.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An application that cooperates with cut-over (design 3.9; README, "The application's part"): its
 * writers write to SQLite (busy_timeout 5 s) until the flag file {@code --on-cutover} creates
 * exists, or until SQLite refuses a write with the fence's {@code sqlite2pg:} error; then they roll
 * back, switch to PostgreSQL and retry that write there, once. On PostgreSQL a write the fence
 * refuses (SQLSTATE 55000: a cut-over killed between its two commits) is retried after a moment.
 *
 * <p>Each writer owns its customers' keys (LoadSchema's ranges); an operation is one transaction:
 * update one of its customers' credit, or insert a customer, or insert an order marked with the
 * writer and its sequence number (order ids come from AUTOINCREMENT, then PostgreSQL's identity).
 * The ledger keeps only acknowledged writes (their COMMIT returned), and on which side.
 */
public final class Cooperating implements AutoCloseable {

  private final Path db;
  private final String pgUrl;
  private final Path flag;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<W> writers = new ArrayList<>();

  /** Last acknowledged credit per customer key. */
  final Map<Long, Long> credit = new ConcurrentHashMap<>();

  /** Orders acknowledged, by their marker (writer * 1e6 + seq). */
  final Set<Long> orders = ConcurrentHashMap.newKeySet();

  private final AtomicLong fenced = new AtomicLong();
  private final AtomicLong retriedOnPg = new AtomicLong();

  /** Last acknowledged value per row of the extra tables, by "table:id". */
  final Map<String, Long> extra = new ConcurrentHashMap<>();

  private final int extraTables;

  private Cooperating(Path db, String pgUrl, Path flag, int extraTables) {
    this.db = db;
    this.pgUrl = pgUrl;
    this.flag = flag;
    this.extraTables = extraTables;
  }

  /** Starts {@code threads} writers at {@code perSecond} operations a second in all. */
  public static Cooperating start(Path db, String pgUrl, Path flag, int threads, double perSecond) {
    return start(db, pgUrl, flag, threads, perSecond, 0);
  }

  /**
   * As {@link #start(Path, String, Path, int, double)}, half the operations going to {@code
   * extraTables} more tables made by {@link #extraTables}, so that a cut-over drains many tables.
   */
  public static Cooperating start(
      Path db, String pgUrl, Path flag, int threads, double perSecond, int extraTables) {
    return start(db, pgUrl, flag, threads, perSecond, extraTables, 1);
  }

  /**
   * As above, the writers numbered from {@code firstWriter}: a second application instance on the
   * same database owns other keys.
   */
  public static Cooperating start(
      Path db,
      String pgUrl,
      Path flag,
      int threads,
      double perSecond,
      int extraTables,
      int firstWriter) {
    Cooperating app = new Cooperating(db, pgUrl, flag, extraTables);
    for (int i = firstWriter; i < firstWriter + threads; i++) {
      W w = app.new W(i, perSecond / threads);
      app.writers.add(w);
      Thread t = new Thread(w, "cooperating-" + i);
      t.setUncaughtExceptionHandler((th, e) -> app.failure.compareAndSet(null, e));
      app.threads.add(t);
      t.start();
    }
    return app;
  }

  /** Stops the writers and fails if one failed. */
  public void stop() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a cooperating writer failed", failure.get());
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes SQLite refused at the fence; each was retried on PostgreSQL once. */
  public long fenced() {
    return fenced.get();
  }

  public long retriedOnPg() {
    return retriedOnPg.get();
  }

  /** Per writer: last acknowledged SQLite write to first acknowledged PostgreSQL write, in ms. */
  public List<Double> gapsMs() {
    return writers.stream()
        .filter(w -> w.lastSqlite > 0 && w.firstPg > 0)
        .map(w -> (w.firstPg - w.lastSqlite) / 1e6)
        .toList();
  }

  /** How many orders were acknowledged, on either side. */
  public int orders() {
    return orders.size();
  }

  /**
   * The writer with the longest pause, in parts: its last SQLite write to leaving SQLite (the fence
   * or the flag), from there to its first PostgreSQL write, and its longest wait between two SQLite
   * writes before (the application's own contention for SQLite's lock).
   */
  public String worst() {
    return writers.stream()
        .filter(w -> w.lastSqlite > 0 && w.firstPg > 0)
        .max(java.util.Comparator.comparingLong(w -> w.firstPg - w.lastSqlite))
        .map(
            w ->
                String.format(
                    java.util.Locale.ROOT,
                    "writer %d: last SQLite write to leaving SQLite %.0f ms, then to its first"
                        + " PostgreSQL write %.0f ms; its longest wait between SQLite writes before"
                        + " %.0f ms",
                    w.number,
                    (w.switched - w.lastSqlite) / 1e6,
                    (w.firstPg - w.switched) / 1e6,
                    w.longestSqliteStall / 1e6))
        .orElse("no writer reached PostgreSQL");
  }

  /**
   * Per writer, the part of its pause the cut-over caused: from the later of its last SQLite write
   * and the moment cut-over took SQLite's lock, to its first PostgreSQL write, in ms. A writer
   * already waiting for SQLite's lock behind the other writers before that moment was waiting for
   * the application's own reasons.
   */
  public List<Double> pausesFrom(java.time.Instant locked) {
    return writers.stream()
        .filter(w -> w.lastSqliteAt != null && w.firstPgAt != null)
        .map(
            w -> {
              java.time.Instant from = w.lastSqliteAt.isAfter(locked) ? w.lastSqliteAt : locked;
              return java.time.Duration.between(from, w.firstPgAt).toNanos() / 1e6;
            })
        .toList();
  }

  /** How many writers reached PostgreSQL. */
  public long onPg() {
    return writers.stream().filter(w -> w.firstPg > 0).count();
  }

  /** Creates {@code n} more tables of {@code rows} rows each: {@code extra_1 .. extra_n}. */
  public static void extraTables(Path db, int n, int rows) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      for (int t = 1; t <= n; t++) {
        s.execute("CREATE TABLE extra_" + t + " (id INTEGER PRIMARY KEY, v INTEGER, note TEXT)");
        s.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                + rows
                + ") INSERT INTO extra_"
                + t
                + " SELECT i, i, 'seed' FROM n");
      }
    }
  }

  /** Every acknowledged write against PostgreSQL: the problems, none when all are there once. */
  public List<String> differences() throws SQLException {
    return differences(pgUrl);
  }

  /** As {@link #differences()}, against the database at {@code url}: SQLite's after a rollback. */
  public List<String> differences(String url) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (Map.Entry<String, Long> e : extra.entrySet()) {
        String[] tk = e.getKey().split(":");
        try (ResultSet rs = s.executeQuery("SELECT v FROM " + tk[0] + " WHERE id = " + tk[1])) {
          Long v = rs.next() ? rs.getLong(1) : null;
          if (!e.getValue().equals(v)) {
            out.add(e.getKey() + ": acknowledged " + e.getValue() + ", PostgreSQL " + v);
          }
        }
      }
      Map<Long, Long> inPg = new java.util.HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT id, credit FROM customers")) {
        while (rs.next()) {
          inPg.put(rs.getLong(1), rs.getLong(2));
        }
      }
      credit.forEach(
          (k, v) -> {
            if (!v.equals(inPg.get(k))) {
              out.add(
                  "customer " + k + ": acknowledged credit " + v + ", PostgreSQL " + inPg.get(k));
            }
          });
      Map<Long, Long> markers = new java.util.HashMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT CAST(total AS BIGINT), count(*) FROM orders WHERE total >= 1000000"
                  + " GROUP BY 1")) {
        while (rs.next()) {
          markers.put(rs.getLong(1), rs.getLong(2));
        }
      }
      for (long m : orders) {
        long n = markers.getOrDefault(m, 0L);
        if (n != 1) {
          out.add("order " + m + ": acknowledged once, PostgreSQL has it " + n + " times");
        }
      }
      java.util.Set<Long> mine =
          writers.stream().map(w -> (long) w.number).collect(java.util.stream.Collectors.toSet());
      markers.keySet().stream()
          .filter(m -> mine.contains(m / 1_000_000L)) // another instance's writers own the rest
          .filter(m -> !orders.contains(m))
          .forEach(m -> out.add("order " + m + " in PostgreSQL was never acknowledged"));
    }
    return out;
  }

  /** One writer and its router. */
  private final class W implements Runnable {
    private final int number;
    private final double perSecond;
    private final java.util.Random random;
    private final List<Long> keys = new ArrayList<>();
    private long seq;
    private boolean onPg;
    private volatile long lastSqlite;
    private volatile long firstPg;
    private volatile long switched; // when it left SQLite: the fence error, or the flag seen
    private volatile java.time.Instant lastSqliteAt; // the same two moments on the wall clock
    private volatile java.time.Instant firstPgAt;
    private volatile long longestSqliteStall; // between two acknowledged SQLite writes
    private volatile long lastPg; // its last acknowledged PostgreSQL write
    private volatile long firstSqliteBack; // its first SQLite write after PostgreSQL's
    private boolean flagSeen;

    W(int number, double perSecond) {
      this.number = number;
      this.perSecond = perSecond;
      this.random = new java.util.Random(number);
    }

    @Override
    public void run() {
      try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + db);
          Connection pg = DriverManager.getConnection(pgUrl)) {
        try (Statement s = sqlite.createStatement()) {
          s.execute("PRAGMA busy_timeout = 5000"); // the contract: wait out cut-over's lock
        }
        sqlite.setAutoCommit(false);
        pg.setAutoCommit(false);
        long interval = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        while (!stop.get()) {
          next += interval;
          long wait = next - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          one(sqlite, pg);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("writer " + number + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** One operation, routed; the ledger updated once its commit returned. */
    private void one(Connection sqlite, Connection pg) throws SQLException, InterruptedException {
      Op op = next();
      boolean flagged = Files.exists(flag);
      if (flagged != flagSeen) { // --on-cutover made it, --on-rollback removed it
        flagSeen = flagged;
        side(flagged);
      }
      for (int fencedInARow = 0; ; ) {
        Connection c = onPg ? pg : sqlite;
        try {
          op.run(c);
          c.commit();
          acknowledged(onPg);
          op.acknowledge();
          return;
        } catch (SQLException e) {
          c.rollback();
          if (!fence(e)) {
            if (!onPg && (e.getErrorCode() == 5 || e.getErrorCode() == 6)) {
              return; // busy past 5 s: not acknowledged, the application would retry later
            }
            throw e;
          }
          if (!onPg) {
            fenced.incrementAndGet();
            retriedOnPg.incrementAndGet(); // SQLite's fence: switch now, retry there once
          }
          side(!onPg);
          if (++fencedInARow > 1) { // both sides fenced for a moment (a switch under way)
            if (stop.get() && fencedInARow > 500) {
              return;
            }
            Thread.sleep(10);
          }
        }
      }
    }

    private void side(boolean pg) {
      if (pg != onPg) {
        onPg = pg;
        switched = System.nanoTime();
      }
    }

    private void acknowledged(boolean pg) {
      long now = System.nanoTime();
      if (pg) {
        if (firstPg == 0) {
          firstPg = now;
          firstPgAt = java.time.Instant.now();
        }
        lastPg = now;
        return;
      }
      if (lastSqlite > 0) {
        longestSqliteStall = Math.max(longestSqliteStall, now - lastSqlite);
      }
      if (lastPg > 0 && firstSqliteBack == 0) {
        firstSqliteBack = now;
      }
      lastSqlite = now;
      lastSqliteAt = java.time.Instant.now();
    }

    /** An upsert into one of the extra tables, of a row this writer owns (ids above the seed). */
    private Op extraOp() {
      String table = "extra_" + (1 + random.nextInt(extraTables));
      long id = 1_000_000L * number + random.nextInt(50);
      long value = random.nextInt(1_000_000);
      return new Op() {
        @Override
        public void run(Connection c) throws SQLException {
          exec(
              c,
              "INSERT INTO "
                  + table
                  + " (id, v, note) VALUES (?, ?, 'coop') ON CONFLICT (id) DO UPDATE SET v ="
                  + " excluded.v",
              id,
              value);
        }

        @Override
        public void acknowledge() {
          extra.put(table + ":" + id, value);
        }
      };
    }

    private Op next() {
      if (extraTables > 0 && random.nextBoolean()) {
        return extraOp();
      }
      long id = number * LoadSchema.SPAN + 500_000_000L + keys.size();
      int r = random.nextInt(10);
      if (r < 3 || keys.isEmpty()) {
        return new Op() {
          @Override
          public void run(Connection c) throws SQLException {
            exec(
                c,
                "INSERT INTO customers (id, email, name, credit) VALUES (?, ?, 'coop', 0)",
                id,
                "coop-" + id + "@example.com");
          }

          @Override
          public void acknowledge() {
            keys.add(id);
            credit.put(id, 0L);
          }
        };
      }
      if (r < 7) {
        long key = keys.get(random.nextInt(keys.size()));
        long value = random.nextInt(1_000_000);
        return new Op() {
          @Override
          public void run(Connection c) throws SQLException {
            exec(c, "UPDATE customers SET credit = ? WHERE id = ?", value, key);
          }

          @Override
          public void acknowledge() {
            credit.put(key, value);
          }
        };
      }
      long marker = number * 1_000_000L + (++seq);
      long customer = keys.get(random.nextInt(keys.size()));
      return new Op() {
        @Override
        public void run(Connection c) throws SQLException {
          exec(
              c,
              "INSERT INTO orders (customer_id, placed_at, total, writer) VALUES (?,"
                  + " '2024-05-01T10:00:00.000Z', ?, ?)",
              customer,
              (double) marker,
              number);
        }

        @Override
        public void acknowledge() {
          orders.add(marker);
        }
      };
    }
  }

  /** SQLite's fence ("sqlite2pg:" message) or PostgreSQL's (SQLSTATE 55000). */
  private static boolean fence(SQLException e) {
    return "55000".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("sqlite2pg:");
  }

  /**
   * Per writer that came back, its last PostgreSQL write to its first SQLite write after a
   * rollback, in ms.
   */
  public List<Double> backGapsMs() {
    return writers.stream()
        .filter(w -> w.lastPg > 0 && w.firstSqliteBack > w.lastPg)
        .map(w -> (w.firstSqliteBack - w.lastPg) / 1e6)
        .toList();
  }

  /** How many writers wrote to SQLite again after PostgreSQL. */
  public long backOnSqlite() {
    return writers.stream().filter(w -> w.firstSqliteBack > 0).count();
  }

  /** One transaction's statements, and what the ledger records once it committed. */
  private interface Op {
    void run(Connection c) throws SQLException;

    void acknowledge();
  }

  private static void exec(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }
}
