package dev.sqlite2pg.sync.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BooleanSupplier;

/**
 * The lag probe (design 4.1): one row per process, its {@code ts} set to the writer's clock (Unix
 * milliseconds) every 10 ms. Whoever reads PostgreSQL sees how old the newest heartbeat it has is.
 */
final class Heartbeat implements Runnable {

  static final long EVERY_MS = 10;

  private final Path db;
  private final int process;
  private final BooleanSupplier stop;

  Heartbeat(Path db, int process, BooleanSupplier stop) {
    this.db = db;
    this.process = process;
    this.stop = stop;
  }

  @Override
  public void run() {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        s.execute("PRAGMA synchronous = NORMAL");
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO heartbeat VALUES (?, ?)"
                  + " ON CONFLICT (process) DO UPDATE SET ts = excluded.ts")) {
        while (!stop.getAsBoolean()) {
          ps.setInt(1, process);
          ps.setLong(2, System.currentTimeMillis());
          try {
            ps.executeUpdate();
          } catch (SQLException e) {
            if (e.getErrorCode() != 5) {
              throw e; // busy for 5 s is a late beat, anything else a failure
            }
          }
          Thread.sleep(EVERY_MS);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("heartbeat failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
