package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application keeps writing while the migration reads: every table must come from one moment
 * (orders and their lines agree), the writer must never fail, and the copy verifies equal to the
 * snapshot it was taken from.
 */
@NeedsServer
class LiveSourceTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"WAL", "DELETE"})
  void aWriterKeepsWritingAndTheCopyIsOneConsistentMoment(String journalMode) throws Exception {
    Path db =
        Fixtures.buildFromSql(
            """
        -- A shop taking orders during the migration: each order and its lines are written in
        -- one transaction, so in any consistent moment every order has exactly 2 lines.
        CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT, total INTEGER);
        CREATE TABLE lines (order_id INTEGER, n INTEGER, qty INTEGER, PRIMARY KEY (order_id, n));
        WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 60000)
        INSERT INTO orders SELECT i, 'order ' || i, 2 FROM k;
        INSERT INTO lines SELECT id, 1, 1 FROM orders;
        INSERT INTO lines SELECT id, 2, 1 FROM orders;
        """,
            dir.resolve("live-" + journalMode + ".db"));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong written = new AtomicLong();
    List<Throwable> writerErrors = new ArrayList<>();
    try (Connection w = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = w.createStatement()) {
        s.execute("PRAGMA journal_mode=" + journalMode);
        s.execute("PRAGMA busy_timeout=10000");
      }
      Thread writer = new Thread(() -> write(w, stop, written, writerErrors));
      writer.start();
      while (written.get() < 20) {
        Thread.sleep(5);
      }
      String url = TestPostgres.newDatabase("live");
      MigrationResult r;
      try {
        r = Migrator.configure().source(db).target(new JdbcTarget(url)).build().migrate();
      } finally {
        stop.set(true);
        writer.join();
      }
      assertThat(writerErrors).as("the application's writer never failed").isEmpty();
      assertThat(r.snapshotAt()).as("a live database is copied from a snapshot").isPresent();
      assertThat(r.exitCode()).isZero();
      assertThat(r.tables())
          .allSatisfy(
              t ->
                  assertThat(t.verification())
                      .hasValueSatisfying(v -> assertThat(v.equal()).isTrue()));
      try (Connection c = TestPostgres.connect(url);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT (SELECT count(*) FROM orders),"
                      + " (SELECT count(*) FROM lines), (SELECT count(*) FROM orders WHERE total <>"
                      + " (SELECT sum(qty) FROM lines WHERE order_id = orders.id))")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThan(60000);
        assertThat(rs.getLong(2))
            .as("two lines per order: one moment")
            .isEqualTo(2 * rs.getLong(1));
        assertThat(rs.getLong(3)).as("totals agree with the lines").isZero();
      }
    }
    assertThat(written.get()).as("the writer kept going during the migration").isGreaterThan(50);
  }

  /** New orders with their lines, and updates of old ones, each in one transaction. */
  private static void write(
      Connection w, AtomicBoolean stop, AtomicLong written, List<Throwable> errors) {
    try (PreparedStatement order = w.prepareStatement("INSERT INTO orders VALUES (?, ?, 2)");
        PreparedStatement line = w.prepareStatement("INSERT INTO lines VALUES (?, ?, 1)");
        PreparedStatement bump =
            w.prepareStatement("UPDATE lines SET qty = qty + 1 WHERE order_id = ? AND n = 1");
        PreparedStatement total =
            w.prepareStatement("UPDATE orders SET total = total + 1 WHERE id = ?")) {
      w.setAutoCommit(false);
      for (long id = 60001; !stop.get(); id++) {
        order.setLong(1, id);
        order.setString(2, "live " + id);
        order.executeUpdate();
        for (int n = 1; n <= 2; n++) {
          line.setLong(1, id);
          line.setInt(2, n);
          line.executeUpdate();
        }
        bump.setLong(1, id % 60000 + 1);
        bump.executeUpdate();
        total.setLong(1, id % 60000 + 1);
        total.executeUpdate();
        w.commit();
        written.incrementAndGet();
      }
    } catch (SQLException e) {
      errors.add(e);
    }
  }
}
