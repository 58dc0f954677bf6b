package dev.sqlite2pg.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reverse capture (design 3.8, R1) costs the application's small autocommit writes on
 * PostgreSQL, run by {@code bench/reverse.sh}: rounds without and with the triggers, alternating
 * (ABBA, so drift and warm-up fall on both), each round the same statements on one connection,
 * every statement timed; per kind of statement, the median of each round, then the median of the
 * rounds. Printed, never asserted. PostgreSQL is the tests' embedded server (fsync,
 * synchronous_commit and full_page_writes off: a commit costs little, so the triggers' share is
 * larger than on a durable server).
 */
public final class ReverseBench {

  private static final String SHOP =
      """
      -- The application's tables after cut-over: customers keyed by a rowid alias (identity in
      -- PostgreSQL) with a unique email, and an event log without a key.
      CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT,
        credit REAL);
      CREATE TABLE events (at INTEGER, kind TEXT, detail TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
      INSERT INTO customers SELECT i, 'c' || i || '@example.com', 'Customer ' || i, i * 0.5
        FROM n;
      """;

  /**
   * Forward sync's apply writes with {@code sqlite2pg.applying} set: the triggers return at once,
   * but PostgreSQL fills the transition tables before it calls them.
   */
  private static final String APPLY = "forward apply: 5,000-row UPDATE, applying on";

  /** The statement kinds, in the order each round runs them. */
  private static final List<String> KINDS =
      List.of(
          "insert 1 row (identity key)",
          "update 1 row by key",
          "update 1 row, key changed",
          "delete 1 row by key",
          "update 100 rows in 1 statement",
          "insert 1 row, no key (row image)",
          APPLY);

  private final int rounds = Integer.getInteger("bench.rounds", 4);
  private final int statements = Integer.getInteger("bench.statements", 2_000);

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench/work/reverse");
    Files.createDirectories(work);
    new ReverseBench().run(work);
    System.exit(0); // the embedded server's shutdown hook stops it
  }

  private void run(Path work) throws Exception {
    ReverseFixture f = ReverseFixture.migrate(SHOP, work, "reverse_bench_" + System.nanoTime());
    say(
        "%d rounds without and %d with reverse capture, %d statements of each kind per round,"
            + " autocommit, one connection; PostgreSQL %s (embedded; fsync, synchronous_commit,"
            + " full_page_writes off); %d cores",
        rounds, rounds, statements, version(f), Runtime.getRuntime().availableProcessors());
    Map<String, List<Double>> off = new LinkedHashMap<>();
    Map<String, List<Double>> on = new LinkedHashMap<>();
    int next = 100_000;
    for (int i = 0; i < 2 * rounds; i++) {
      boolean capture = (i % 4 == 1) || (i % 4 == 2);
      try (Connection pg = f.connect()) {
        if (capture) {
          ReverseCapture.install(pg, "public", f.plans);
        }
        Map<String, Double> medians = round(pg, next);
        next += 2 * statements;
        if (capture) {
          ReverseCapture.remove(pg, "public");
        }
        try (Statement s = pg.createStatement()) {
          s.execute("VACUUM ANALYZE customers, events");
        }
        say("round %d, capture %s: %s", i + 1, capture ? "on " : "off", medians);
        medians.forEach(
            (k, v) -> (capture ? on : off).computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      }
    }
    say("medians of the rounds' medians, µs per statement (without / with / added / ratio):");
    for (String k : KINDS) {
      double a = median(off.get(k));
      double b = median(on.get(k));
      say("  %-46s %8.1f  %8.1f  %+8.1f  %5.2fx", k, a, b, b - a, b / a);
    }
  }

  /** One round: {@code statements} of each kind, each timed; the median per kind in µs. */
  private Map<String, Double> round(Connection pg, int first) throws SQLException {
    Map<String, List<Long>> took = new LinkedHashMap<>();
    KINDS.forEach(k -> took.put(k, new ArrayList<>()));
    try (PreparedStatement insert =
            pg.prepareStatement(
                "INSERT INTO customers (email, name, credit) VALUES (?, 'New', 1.5) RETURNING id");
        PreparedStatement update =
            pg.prepareStatement("UPDATE customers SET credit = credit + 1 WHERE id = ?");
        PreparedStatement move = pg.prepareStatement("UPDATE customers SET id = ? WHERE id = ?");
        PreparedStatement delete = pg.prepareStatement("DELETE FROM customers WHERE id = ?");
        PreparedStatement many =
            pg.prepareStatement(
                "UPDATE customers SET credit = credit + 1 WHERE id BETWEEN ? AND ? + 99");
        PreparedStatement event =
            pg.prepareStatement("INSERT INTO events VALUES (?, 'login', 'from 10.0.0.1')")) {
      for (int i = 0; i < statements; i++) {
        insert.setString(1, "r" + (first + i) + "@example.com");
        long t0 = System.nanoTime();
        long id;
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
        long t1 = System.nanoTime();
        update.setLong(1, 1 + i % 10_000);
        update.executeUpdate();
        long t2 = System.nanoTime();
        move.setLong(1, 10_000_000L + first + i);
        move.setLong(2, id);
        move.executeUpdate();
        long t3 = System.nanoTime();
        delete.setLong(1, 10_000_000L + first + i);
        delete.executeUpdate();
        long t4 = System.nanoTime();
        many.setLong(1, 1 + (i * 100) % 9_900);
        many.setLong(2, 1 + (i * 100) % 9_900);
        many.executeUpdate();
        long t5 = System.nanoTime();
        event.setLong(1, i);
        event.executeUpdate();
        long t6 = System.nanoTime();
        long[] t = {t0, t1, t2, t3, t4, t5, t6};
        for (int k = 0; k < t.length - 1; k++) {
          took.get(KINDS.get(k)).add(t[k + 1] - t[k]);
        }
      }
    }
    try (Statement s = pg.createStatement()) {
      pg.setAutoCommit(false);
      for (int i = 0; i < 50; i++) {
        long t0 = System.nanoTime();
        Fence.pass(pg);
        s.executeUpdate("UPDATE customers SET credit = credit + 1 WHERE id <= 5000");
        pg.commit();
        took.get(APPLY).add(System.nanoTime() - t0);
      }
      pg.setAutoCommit(true);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    took.forEach((k, v) -> out.put(k, medianNanos(v) / 1000.0));
    return out;
  }

  private static String version(ReverseFixture f) throws SQLException {
    try (Connection pg = f.connect();
        Statement s = pg.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static double medianNanos(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static void say(String format, Object... args) {
    System.out.println("reverse-bench: " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
