package dev.sqlite2pg.sync.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One application writer: its own connection (busy_timeout=5000; foreign_keys on for odd writer
 * numbers, recursive_triggers on for writer 1, as design 4.2 asks), paced at {@code perSecond}
 * operations. 3 % of operations are multi-statement transactions of 5-20 statements, 1 % are rolled
 * back; the rest are one statement each (autocommit when the ledger is off, which is what the
 * capture-overhead benchmark times).
 */
final class Writer implements Runnable {

  private final int number;
  private final Path db;
  private final double perSecond;
  private final Ledger ledger;
  private final BooleanSupplier stop;
  private final Workload work;
  private final Random random;
  private final long[] seq = {0};

  /** Nanoseconds of each single-statement operation (for the overhead benchmark). */
  final Latencies latencies = new Latencies();

  long operations;
  long refused;
  long busy;

  Writer(
      int number, Path db, double perSecond, Ledger ledger, boolean events, BooleanSupplier stop) {
    this.number = number;
    this.db = db;
    this.perSecond = perSecond;
    this.ledger = ledger;
    this.stop = stop;
    this.work = new Workload(number, 7919L * number, events);
    this.random = new Random(number);
  }

  @Override
  public void run() {
    try (Connection c = connect()) {
      work.load(c);
      long interval = (long) (1e9 / perSecond);
      long next = System.nanoTime();
      while (!stop.getAsBoolean()) {
        next += interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        } else if (wait < -1_000_000_000L) {
          next = System.nanoTime(); // a second behind (a long lock wait): no burst to catch up
        }
        one(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("writer " + number + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA foreign_keys = " + (number % 2 == 1 ? "ON" : "OFF"));
      s.execute("PRAGMA recursive_triggers = " + (number == 1 ? "ON" : "OFF"));
    }
    return c;
  }

  private void one(Connection c) throws SQLException {
    int r = random.nextInt(100);
    try {
      if (r < 3) {
        transaction(c, 5 + random.nextInt(16), true);
      } else if (r < 4) {
        transaction(c, 2 + random.nextInt(3), false);
      } else if (ledger == null) {
        long t0 = System.nanoTime();
        work.step(c, new Touched(c, false));
        latencies.add(System.nanoTime() - t0);
      } else {
        transaction(c, 1, true);
      }
      operations++;
    } catch (SQLException e) {
      if (isBusy(e)) {
        busy++;
      } else if (isConstraint(e)) {
        refused++; // e.g. a key change with foreign_keys on and orders referencing the key
      } else {
        throw e;
      }
    }
  }

  /**
   * {@code statements} operations in one BEGIN IMMEDIATE transaction, committed or rolled back;
   * committed ones go to the ledger (when there is one) with the rows as read back before COMMIT.
   */
  private void transaction(Connection c, int statements, boolean commit) throws SQLException {
    Touched t = new Touched(c, ledger != null);
    List<String> ops = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        for (int i = 0; i < statements; i++) {
          ops.add(work.step(c, t));
        }
        if (!commit) {
          s.execute("ROLLBACK");
          work.rolledBack(c);
          return;
        }
        List<Ledger.Entry> rows =
            t.readBack(number, seq, statements == 1 ? ops.get(0) : "transaction");
        s.execute("COMMIT");
        if (ledger != null) {
          ledger.acknowledged(rows);
        }
      } catch (SQLException | RuntimeException e) {
        rollback(s);
        work.rolledBack(c);
        throw e;
      }
    }
  }

  /**
   * Rolls back what is open; when BEGIN itself failed (busy) there is nothing, and that is fine.
   */
  private static void rollback(Statement s) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException noTransaction) {
      // "cannot rollback - no transaction is active"
    }
  }

  private static boolean isBusy(SQLException e) {
    return e.getErrorCode() == 5 || e.getErrorCode() == 6;
  }

  private static boolean isConstraint(SQLException e) {
    return e.getErrorCode() == 19;
  }
}
