package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM in the middle of STEP 4 (issue 17), against a real process: the tool
 * runs in a JVM of its own, from a snapshot kept in a java.io.tmpdir of the test's, into the test
 * server. The signal lands mid-copy by construction, not by timing: once the first chunk of events
 * is committed, this test locks the table, so the next chunk's COPY waits on the lock (seen in
 * pg_stat_activity) when the signal comes. Then: exit 130, one line saying what was committed and
 * the command that continues, nothing left in the temporary directory, and that command, run as
 * printed, finishes with every row verified.
 */
@NeedsServer
class InterruptTest {

  @TempDir static Path dir;
  static Path db;

  /** events (300,000 rows) is copied in 10 chunks, each committed with its progress record. */
  private static final String CHUNK_ROWS = "30000";

  @BeforeAll
  static void source() {
    db =
        Fixtures.buildFromSql(
            """
        -- An app's event log, large enough to be copied in chunks, beside a small table.
        CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id),
          kind TEXT, payload TEXT);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
        INSERT INTO users SELECT i, 'user ' || i FROM n;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
        INSERT INTO events SELECT i, 1 + i % 50, 'k' || (i % 7), printf('payload %d', i) FROM n;
        """,
            dir.resolve("events.db"));
  }

  @Test
  void ctrlCMidCopyExits130AndTheResumeLineFinishesTheRun() throws Exception {
    interruptedMidCopy("INT");
  }

  @Test
  void sigtermMidCopyIsTheSameAsCtrlC() throws Exception {
    interruptedMidCopy("TERM");
  }

  /**
   * Ctrl-C in a terminal reaches the whole foreground process group, the embedded server's postgres
   * too (the tool's "copied ... 0 rows" lines of issue 17 were its workers failing under it). Its
   * fast shutdown keeps what was committed in --data-dir, so the printed command, which starts the
   * server there again, continues the run.
   */
  @Test
  void ctrlCInATerminalStopsTheEmbeddedServerTooAndTheResumeLineContinuesOnIt() throws Exception {
    Path data = dir.resolve("embedded-data");
    interrupted(
        "GROUP-INT", null, List.of("--data-dir", data.toString()), InterruptTest::embeddedUrl);
  }

  /**
   * A fleet, one file at a time: SIGTERM while the second file's copy waits on a lock. The first
   * file is recorded done, the second keeps its record "running" and its committed chunks; the
   * printed command skips the first, resumes the second and copies the third.
   */
  @Test
  void sigtermInAFleetSaysHowManyFilesAreInAndResumeSkipsThem() throws Exception {
    Path files = Files.createDirectories(dir.resolve("fleet"));
    for (String f : List.of("f1", "f2", "f3")) {
      Files.copy(db, files.resolve(f + ".db"));
    }
    String url = TestPostgres.newDatabase("interrupt_fleet");
    Path tmp = Files.createDirectories(dir.resolve("tmp-fleet"));
    Path log = dir.resolve("interrupted-fleet.log");
    Process p =
        sqlite2pg(
            tmp,
            log,
            false,
            "migrate",
            files.toString(),
            url,
            "--jobs",
            "1",
            "--batch-size",
            "5000");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        Connection other = TestPostgres.connect(url);
        Statement w = other.createStatement()) {
      waitFor(
          w,
          "SELECT to_regclass('f2.events') IS NOT NULL AND EXISTS (SELECT 1 FROM"
              + " sqlite2pg.fleet_files WHERE unit = 'f1' AND status = 'done')");
      c.setAutoCommit(false);
      s.execute("LOCK TABLE f2.events IN ACCESS EXCLUSIVE MODE");
      waitFor(
          w,
          "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
              + " AND query LIKE 'COPY%')");
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      c.rollback();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isEqualTo(130);
    List<String> said =
        output.lines().filter(l -> l.startsWith("sqlite2pg: interrupted:")).toList();
    assertThat(said).as(output).hasSize(1);
    assertThat(said.get(0))
        .startsWith("sqlite2pg: interrupted: 1 of 3 files committed")
        .contains("; continue with: sqlite2pg migrate --resume " + files + " ");
    List<String> resumeArgs =
        words(said.get(0).substring(said.get(0).indexOf("continue with: ") + 15));
    Path again = dir.resolve("resumed-fleet.log");
    Process r =
        sqlite2pg(
            tmp, again, false, resumeArgs.subList(1, resumeArgs.size()).toArray(String[]::new));
    assertThat(r.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String resumed = Files.readString(again, StandardCharsets.UTF_8);
    assertThat(r.exitValue()).as(resumed).isZero();
    assertThat(resumed)
        .contains("Files: 3; 2 ran, 1 done by an earlier run, 0 failed; 900,150 rows");
  }

  private static void interruptedMidCopy(String signal) throws Exception {
    String url = TestPostgres.newDatabase("interrupt_" + signal);
    interrupted(signal, url, List.of("--drop"), log -> url);
  }

  /**
   * @param url the TARGET argument, or null for the embedded server
   * @param watch the JDBC URL to watch the run through, once its output says where it runs
   */
  private static void interrupted(String signal, String url, List<String> options, Watch watch)
      throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp-" + signal));
    Path log = dir.resolve("interrupted-" + signal + ".log");
    List<String> args = new ArrayList<>(List.of("migrate", "--snapshot=always", db.toString()));
    if (url != null) {
      args.add(url);
    }
    args.addAll(options);
    args.addAll(List.of("--jobs", "1", "--batch-size", "5000"));
    Process p = sqlite2pg(tmp, log, signal.startsWith("GROUP"), args.toArray(String[]::new));
    String watched = watch.url(log);
    try (Connection c = TestPostgres.connect(watched);
        Statement s = c.createStatement();
        Connection other = TestPostgres.connect(watched);
        Statement w = other.createStatement()) {
      waitFor(w, "SELECT EXISTS (SELECT 1 FROM sqlite2pg.chunks)");
      c.setAutoCommit(false);
      s.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
      // From another session: a transaction sees one snapshot of pg_stat_activity.
      waitFor(
          w,
          "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
              + " AND query LIKE 'COPY%')");
      assertThat(snapshots(tmp)).as("the snapshot, while the copy runs").hasSize(1);
      signal(p, signal);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIG" + signal).isTrue();
      if (url != null) {
        c.rollback(); // the embedded server stopped with the signal, and these sessions with it
      }
    } catch (java.sql.SQLException closing) {
      assertThat(url).as("only the embedded server went away: %s", closing).isNull();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isEqualTo(130);
    List<String> said =
        output.lines().filter(l -> l.startsWith("sqlite2pg: interrupted:")).toList();
    assertThat(said).as(output).hasSize(1);
    assertThat(said.get(0))
        .matches(
            "sqlite2pg: interrupted: [0-9] of 2 tables and [0-9,]+ rows committed; continue with:"
                + " sqlite2pg migrate --resume .*")
        .doesNotContain("--drop");
    assertThat(output).as("no per-table line after the signal").doesNotContain(": 0 rows");
    try (Stream<Path> left = Files.list(tmp)) {
      // embedded-pg: zonky's PostgreSQL binaries, unpacked once and kept for the next start.
      assertThat(left.filter(f -> !f.getFileName().toString().equals("embedded-pg")))
          .as("java.io.tmpdir after the exit")
          .isEmpty();
    }

    String resume = said.get(0).substring(said.get(0).indexOf("continue with: ") + 15);
    List<String> resumeArgs = words(resume);
    assertThat(resumeArgs.subList(0, 3)).containsExactly("sqlite2pg", "migrate", "--resume");
    Path again = dir.resolve("resumed-" + signal + ".log");
    Process r =
        sqlite2pg(
            tmp, again, false, resumeArgs.subList(1, resumeArgs.size()).toArray(String[]::new));
    assertThat(r.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String resumed = Files.readString(again, StandardCharsets.UTF_8);
    assertThat(r.exitValue()).as(resumed).isZero();
    assertThat(resumed).contains("OK: all 300050 rows of 2 tables arrived and verified equal");
    if (url == null) {
      return; // the resumed run stopped its embedded server: its verify above is the check
    }
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id), sum(id) FROM events")) {
      rs.next();
      assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
          .containsExactly(300000L, 300000L, 300000L * 300001L / 2);
    }
  }

  /** Where the run can be watched from, once its output says so. */
  @FunctionalInterface
  private interface Watch {
    String url(Path log) throws Exception;
  }

  /** The embedded server's JDBC URL, from the line that says it started. */
  private static String embeddedUrl(Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      java.util.Optional<String> url = started(log);
      if (url.isPresent()) {
        return url.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the embedded server never started: " + Files.readString(log));
  }

  private static java.util.Optional<String> started(Path log) throws Exception {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("psql 'postgresql://postgres@localhost:([0-9]+)/(\\w+)")
            .matcher(Files.readString(log, StandardCharsets.UTF_8));
    return m.find()
        ? java.util.Optional.of(
            "jdbc:postgresql://localhost:" + m.group(1) + "/" + m.group(2) + "?user=postgres")
        : java.util.Optional.empty();
  }

  /**
   * sqlite2pg in a JVM of its own, its temporary files in {@code tmp}, its output to {@code log};
   * in a process group of its own ({@code setsid}) when the signal goes to the group, as a
   * terminal's Ctrl-C does.
   */
  private static Process sqlite2pg(Path tmp, Path log, boolean group, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    if (group) {
      cmd.add("setsid");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.add("-Dsqlite2pg.chunk-rows=" + CHUNK_ROWS);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.sqlite2pg.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    // Without TARGET the embedded server is used only when the environment names none.
    List.of("DATABASE_URL", "PGHOST", "PGDATABASE", "PGSERVICE").forEach(pb.environment()::remove);
    return pb.redirectOutput(log.toFile()).start();
  }

  /** SIGINT as a terminal's Ctrl-C sends it (kill -INT), or SIGTERM as kill and systemd do. */
  private static void signal(Process p, String signal) throws Exception {
    if (signal.equals("TERM")) {
      p.destroy(); // SIGTERM on Unix
      return;
    }
    // setsid made the JVM the leader of a group: -pid is the group, the server's postgres too.
    String target = signal.startsWith("GROUP") ? "-" + p.pid() : String.valueOf(p.pid());
    Process kill = new ProcessBuilder("kill", "-INT", "--", target).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private static List<Path> snapshots(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("sqlite2pg-snapshot"))
          .toList();
    }
  }

  private static void waitFor(Statement s, String ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (ResultSet rs = s.executeQuery(ready)) {
        if (rs.next() && rs.getBoolean(1)) {
          return;
        }
      } catch (java.sql.SQLException notYet) {
        // The state tables do not exist yet.
      }
      Thread.sleep(10);
    }
    throw new AssertionError("never true: " + ready);
  }

  /** The printed command's words, as a POSIX shell splits them (single quotes only). */
  static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < command.length(); i++) {
      char ch = command.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
        any = true;
      } else if (ch == '\\' && !quoted && i + 1 < command.length()) {
        w.append(command.charAt(++i));
      } else if (ch == ' ' && !quoted) {
        if (any || w.length() > 0) {
          out.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(ch);
      }
    }
    if (any || w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }
}
