package dev.sqlite2pg;

import static dev.sqlite2pg.testing.BadInputs.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.BadInputs;
import dev.sqlite2pg.testing.CliRun;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite file that cannot be migrated: exit code 4, one line naming the cause and the fix, and
 * neither the file nor the target touched.
 */
@NeedsServer
class BadInputSourceTest {

  private static final int SOURCE_ERROR = 4;

  @TempDir Path dir;
  private String jdbc;
  private String target;

  @BeforeEach
  void freshTarget() {
    jdbc = TestPostgres.newDatabase("bad_source");
    target = BadInputs.uriFor(BadInputs.databaseOf(jdbc));
  }

  private CliRun migrate(Path source, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "migrate";
    args[1] = "-q";
    args[2] = source.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    String[] withTarget = java.util.Arrays.copyOf(args, args.length + 1);
    withTarget[args.length] = target;
    return CliRun.run(withTarget);
  }

  private void assertTargetUntouched() throws Exception {
    assertThat(BadInputs.tables(jdbc, "public")).isEmpty();
  }

  @Test
  void missingFile() throws Exception {
    Path missing = dir.resolve("app.db");
    String msg =
        assertOneLine(migrate(missing), SOURCE_ERROR, "app.db", "does not exist", "check the path");
    assertThat(msg).contains(Path.of("").toAbsolutePath().toString());
    assertThat(missing).doesNotExist();
    assertTargetUntouched();
  }

  @Test
  void directory() throws Exception {
    assertOneLine(migrate(dir), SOURCE_ERROR, dir.toString(), "is a directory", "SQLite file");
    assertTargetUntouched();
  }

  @Test
  void randomBytesAreNotADatabase() throws Exception {
    // A file picked by mistake: an upload, a log, a backup in another format.
    Path junk = dir.resolve("junk.db");
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    Files.write(junk, bytes);
    String before = sha(junk);
    assertOneLine(migrate(junk), SOURCE_ERROR, "junk.db", "not a SQLite database", "encrypted");
    assertThat(sha(junk)).isEqualTo(before);
    assertTargetUntouched();
  }

  @Test
  void encryptedDatabaseSaysDecryptFirst() throws Exception {
    // SQLCipher encrypts page 1 too, header included: the file is a salt and ciphertext. A
    // SQLCipher database is a whole number of pages; 4 pages of random bytes stand for one.
    Path cipher = dir.resolve("secure.db");
    byte[] bytes = new byte[4 * 4096];
    new Random(7).nextBytes(bytes);
    Files.write(cipher, bytes);
    assertOneLine(migrate(cipher), SOURCE_ERROR, "secure.db", "encrypted", "decrypt it first");
    assertTargetUntouched();
  }

  @Test
  void truncatedDatabaseIsCorrupt() throws Exception {
    // A copy cut short (disk full, interrupted scp): a real header, then nothing.
    Path db = bigDatabase("cut.db");
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(db), 4096 + 100);
    Files.write(db, head);
    assertOneLine(migrate(db), SOURCE_ERROR, "cut.db", "corrupt", ".recover");
    assertTargetUntouched();
  }

  @Test
  void corruptPagesSayRecover() throws Exception {
    // Pages overwritten in the middle of a table (a bad disk, a copy taken while written).
    // The schema on page 1 reads fine; the damage shows only when rows are read.
    Path db = bigDatabase("broken.db");
    corrupt(db, 5, 12);
    String before = sha(db);
    String msg =
        assertOneLine(migrate(db), SOURCE_ERROR, "broken.db", "corrupt", "sqlite3 ", ".recover");
    assertThat(msg).contains("sqlite3 " + db + " .recover");
    assertThat(sha(db)).isEqualTo(before);
    assertTargetUntouched();
  }

  @Test
  void lockedByAWriterSaysRetry() throws Exception {
    // The application is in the middle of a write transaction: a rollback-journal database
    // with an EXCLUSIVE lock lets no reader in until it commits.
    Path db = bigDatabase("busy.db");
    String old = System.setProperty("sqlite2pg.sqlite.busy-timeout-ms", "200");
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = writer.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO notes (body) VALUES ('being written')");
      assertOneLine(
          migrate(db), SOURCE_ERROR, "busy.db", "locked by another process", "retry when");
      s.execute("ROLLBACK");
    } finally {
      if (old == null) {
        System.clearProperty("sqlite2pg.sqlite.busy-timeout-ms");
      } else {
        System.setProperty("sqlite2pg.sqlite.busy-timeout-ms", old);
      }
    }
    assertTargetUntouched();
  }

  @Test
  void collationOnlyTheApplicationDefinesIsReadThroughAStandIn() throws Exception {
    // An application registers its own comparison (e.g. a natural sort) before it creates its
    // tables; SQLite refuses to compare the column's values without it ("no such collation
    // sequence", issue 11: an Anki collection stopped at STEP 2). sqlite2pg registers a stand-in
    // on its own connections, so reading in place through SQLite (--snapshot=never) works, and
    // the warning says what the column was compared with.
    Path db =
        appCollationDatabase(
            "app_collation.db",
            "CREATE TABLE songs (id INTEGER PRIMARY"
                + " KEY, title TEXT COLLATE myapp_collation);"
                + " CREATE TABLE plain (id INTEGER PRIMARY KEY, name TEXT);"
                + " INSERT INTO songs (title) VALUES ('Track 10'), ('Track 9');"
                + " INSERT INTO plain (name) VALUES ('x')");
    CliRun run = migrate(db, "--snapshot=never");
    BadInputs.assertNothingLeaks(run);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "songs.title: COLLATE MYAPP_COLLATION is defined by the application only",
            "binary comparison",
            "all 3 rows of 2 tables arrived and verified equal");
    assertThat(BadInputs.tables(jdbc, "public")).containsExactlyInAnyOrder("plain", "songs");
  }

  @Test
  void collationOnlyTheApplicationDefinesCostsNoDataFromASnapshot() throws Exception {
    // The same application database, migrated the default way: its snapshot is read page by
    // page, which compares nothing, so every row moves; the column keeps its values and only
    // the index ordered by the application's comparison is left out, and said so.
    Path db =
        appCollationDatabase(
            "app_collation_snapshot.db",
            "CREATE TABLE songs (id INTEGER"
                + " PRIMARY KEY, title TEXT COLLATE myapp_collation);"
                + " CREATE INDEX songs_title ON songs (title);"
                + " INSERT INTO songs (title) VALUES ('Track 10'), ('Track 9')");
    CliRun run = migrate(db);
    BadInputs.assertNothingLeaks(run);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "index songs_title: uses collation MYAPP_COLLATION",
            "all 2 rows of 1 tables arrived and verified equal");
    assertThat(BadInputs.tables(jdbc, "public")).containsExactly("songs");
  }

  /**
   * A database written by an application that registers its own comparison (e.g. a natural sort)
   * before it creates its tables; {@code sql} uses it as myapp_collation.
   */
  private Path appCollationDatabase(String file, String sql) throws Exception {
    Path db = dir.resolve(file);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      org.sqlite.Collation.create(
          c,
          "myapp_collation",
          new org.sqlite.Collation() {
            @Override
            protected int xCompare(String a, String b) {
              return a.compareTo(b);
            }
          });
      s.executeUpdate(sql);
    }
    return db;
  }

  /** A rollback-journal database with a table of several dozen pages. */
  @Test
  void corruptPagesFoundByVerifyAreASourceError() throws Exception {
    // The file was migrated, then damaged (a bad disk between the load and the check): verify
    // reads both databases in the same steps, and a SQLite failure there is the source's
    // (exit 4 with SQLite's advice), not the target's (exit 5).
    Path db = bigDatabase("later.db");
    assertThat(migrate(db).exitCode()).isZero();
    corrupt(db, 5, 12);
    CliRun verify = CliRun.run("verify", "-q", db.toString(), target);
    String msg = assertOneLine(verify, SOURCE_ERROR, "later.db", "corrupt", ".recover");
    assertThat(msg).doesNotContain("SQLSTATE");
  }

  @Test
  void corruptPagesFoundWhilePlanningNameTheFile() throws Exception {
    // `plan` reads every value to choose the types (the probes), through SQLite itself.
    Path db = bigDatabase("planned.db");
    corrupt(db, 5, 12);
    CliRun plan = CliRun.run("plan", db.toString());
    String msg = assertOneLine(plan, SOURCE_ERROR, "planned.db", "corrupt", ".recover");
    assertThat(msg).contains("sqlite3 " + db + " .recover");
  }

  private static void corrupt(Path db, int fromPage, int toPage) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      byte[] garbage = new byte[4096];
      java.util.Arrays.fill(garbage, (byte) 0xA5);
      for (int page = fromPage; page < toPage; page++) {
        f.seek((long) (page - 1) * 4096);
        f.write(garbage);
      }
    }
  }

  private Path bigDatabase(String name) {
    return Fixtures.buildFromSql(
        """
        PRAGMA page_size = 4096;
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
        INSERT INTO notes (body) SELECT printf('note %d %.*c', i, 100, 'x') FROM n;
        """,
        dir.resolve(name));
  }

  private static String sha(Path p) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
