package dev.sqlite2pg.sync.load;

import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.VerifyResult;
import dev.sqlite2pg.testing.IndependentCompare;
import dev.sqlite2pg.testing.JdbcTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the sync tests and the benchmark ask of both sides once the writers have stopped. */
public final class SyncChecks {

  private SyncChecks() {}

  /** The highest changelog id in the SQLite file: every change captured so far. */
  public static long captured(Path db) throws SQLException {
    return single("jdbc:sqlite:" + db, "SELECT coalesce(max(id), 0) FROM sqlite2pg_changes");
  }

  /** The id sync has applied into the target, -1 before it records any. */
  public static long applied(String url) throws SQLException {
    try {
      return single(url, "SELECT coalesce(max(applied), -1) FROM sqlite2pg.sync_state");
    } catch (SQLException notYet) {
      return -1; // no sync_state table yet
    }
  }

  /** The tables whose apply is paused, with why. */
  public static java.util.Map<String, String> paused(String url) throws SQLException {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery(
                "SELECT source_table, paused FROM sqlite2pg.sync_tables WHERE paused IS NOT NULL")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /**
   * Waits until the target has applied {@code id}; fails when {@code alive} says the applying side
   * ended first, or after {@code seconds} (a hang, not a timing assertion).
   */
  public static void awaitApplied(String url, long id, BooleanSupplier alive, long seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (applied(url) < id) {
      if (!alive.getAsBoolean()) {
        throw new AssertionError("sync stopped before applying change " + id);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "sync did not apply change " + id + " in " + seconds + " s; at " + applied(url));
      }
      Thread.sleep(20);
    }
  }

  /**
   * Every difference between PostgreSQL, SQLite and the ledger: verify (exit 0, every table equal),
   * the independent comparison of every table, and {@link LedgerCheck}. Empty when equal.
   */
  public static List<String> differences(Path db, String url, List<Path> ledgers)
      throws SQLException {
    List<String> out = new ArrayList<>();
    VerifyResult v = Migrator.configure().source(db).target(new JdbcTarget(url)).build().verify();
    if (v.exitCode() != 0) {
      out.add("verify: exit " + v.exitCode() + ": " + v);
    }
    for (String[] t : LoadSchema.ORDERED) {
      IndependentCompare.differences(db, t[0], t[1], url, t[0], t[1]).stream()
          .limit(5)
          .map(d -> t[0] + ": " + d)
          .forEach(out::add);
    }
    if (hasEvents(db)) { // keyless: both sides sorted by every column, alike
      IndependentCompare.differences(
              db,
              "events",
              "kind, at, payload",
              url,
              "events",
              "kind COLLATE \"C\", at COLLATE \"C\", payload NULLS FIRST")
          .stream()
          .limit(5)
          .map(d -> "events: " + d)
          .forEach(out::add);
    }
    LedgerCheck.Result r = LedgerCheck.check(ledgers, db, url);
    r.problems().stream().limit(20).forEach(p -> out.add("ledger: " + p));
    if (r.keys() == 0) {
      out.add("ledger: no acknowledged writes at all");
    }
    return out;
  }

  private static boolean hasEvents(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return LoadSchema.hasEvents(c);
    }
  }

  private static long single(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
