package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a rollback-journal database that no other process has open is read where it is, under
 * SQLite's shared lock held from STEP 0 to the end of the run, instead of copied to a snapshot
 * first (an 8 GB file that is not in the page cache was read twice and written once before any row
 * moved). What each path looks like from outside, asked while STEP 4 runs: in place, no snapshot
 * file exists and a writer cannot commit; with another process holding the file open (an
 * application, even idle), the snapshot is taken as before and the writer goes on.
 */
@NeedsServer
class InPlaceReadTest {

  @TempDir Path dir;

  /** A small shop in DELETE (rollback-journal) mode, SQLite's default. */
  private static final String SHOP =
      """
      CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id),
        total NUMERIC);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO customers SELECT i, 'customer ' || i FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
      INSERT INTO orders SELECT i, 1 + i % 2000, i * 1.25 FROM n;
      """;

  /** Files this small are copied (it costs as little as the check): here every file counts. */
  @org.junit.jupiter.api.BeforeEach
  void anySize() {
    System.setProperty("sqlite2pg.in-place-min-bytes", "0");
  }

  @org.junit.jupiter.api.AfterEach
  void defaultSize() {
    System.clearProperty("sqlite2pg.in-place-min-bytes");
  }

  /** What was seen during STEP 4, once per copied table. */
  private record During(int snapshotFiles, String write) {}

  @Test
  void aFileNobodyHasOpenIsReadInPlaceUnderItsLock() throws Exception {
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("shop.db"));
    String before = sha256(db);
    List<During> seen = new ArrayList<>();
    MigrationResult r = migrate(db, "in_place", seen);
    assertThat(r.exitCode()).isZero();
    assertThat(r.snapshotAt()).as("one moment of the database, all the same").isPresent();
    assertThat(seen)
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.snapshotFiles()).as("no copy of the file").isZero();
              assertThat(d.write()).as("the shared lock is held").contains("locked");
            });
    // The user's file is as it was, and the lock is gone with the run.
    assertThat(sha256(db)).isEqualTo(before);
    assertThat(write(db)).isEqualTo("written");
  }

  @Test
  void aSmallFileIsCopiedFirst() throws Exception {
    // Under 16 MB a copy costs about what finding out who has the file open does.
    System.clearProperty("sqlite2pg.in-place-min-bytes");
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("small.db"));
    List<During> seen = new ArrayList<>();
    assertThat(migrate(db, "small_copied", seen).exitCode()).isZero();
    assertThat(seen).hasSize(2).allSatisfy(d -> assertThat(d.snapshotFiles()).isEqualTo(1));
  }

  @Test
  void aFileAnotherProcessHasOpenIsCopiedFirst() throws Exception {
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("open.db"));
    // Another process with the database open (as an idle application keeps it): a shell with a
    // descriptor of the file, waiting on its standard input.
    Process holder =
        new ProcessBuilder("sh", "-c", "exec 3<\"$1\"; read line", "sh", db.toString())
            .redirectErrorStream(true)
            .start();
    try {
      waitUntilOpen(holder, db);
      List<During> seen = new ArrayList<>();
      MigrationResult r = migrate(db, "copied_first", seen);
      assertThat(r.exitCode()).isZero();
      assertThat(seen)
          .hasSize(2)
          .allSatisfy(
              d -> {
                assertThat(d.snapshotFiles()).as("the snapshot").isEqualTo(1);
                assertThat(d.write()).as("writers go on").isEqualTo("written");
              });
    } finally {
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static MigrationResult migrate(Path db, String name, List<During> seen) {
    String url = TestPostgres.newDatabase(name);
    ProgressListener probe =
        new ProgressListener() {
          @Override
          public void tableCopied(TableCopied e) {
            synchronized (seen) {
              seen.add(new During(snapshotFiles(), write(db)));
            }
          }
        };
    return Migrator.configure()
        .source(db)
        .target(new JdbcTarget(url))
        .jobs(1)
        .progress(probe)
        .build()
        .migrate();
  }

  /** An application's write, without waiting for a lock: "written", or SQLite's refusal. */
  private static String write(Path db) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      s.executeUpdate("UPDATE orders SET total = total + 1 WHERE id = 1");
      return "written";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  /** This process's snapshot files in the temporary directory. */
  private static int snapshotFiles() {
    String prefix = "sqlite2pg-snapshot-" + ProcessHandle.current().pid() + "-";
    int n = 0;
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), prefix + "*")) {
      for (Path ignored : files) {
        n++;
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }

  private static void waitUntilOpen(Process p, Path db) throws Exception {
    Path real = db.toRealPath();
    for (int i = 0; i < 200; i++) {
      Path fd = Path.of("/proc/" + p.pid() + "/fd/3");
      if (Files.isSymbolicLink(fd) && Files.readSymbolicLink(fd).equals(real)) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("the holder never opened " + db);
  }

  private static String sha256(Path f) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }
}
