package dev.sqlite2pg.sync.load;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.sync.Fence;
import dev.sqlite2pg.sync.SqliteFence;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the kill drills of cut-over and rollback share: the command in a JVM of its own (paused at a
 * step with {@code SQLITE2PG_PAUSE_AT} when asked), waiting for a line of its output, SIGKILL,
 * probing which side takes writes, and retrying a command while the killed process's session still
 * holds the run lock.
 */
public final class Drill {

  private Drill() {}

  /** Which sides take the application's writes. */
  public record Sides(boolean sqliteWritable, boolean pgWritable) {}

  /** {@code sqlite2pg ARGS} in a JVM of its own, its output to {@code log}. */
  public static Process cli(Path log, Optional<String> pauseAt, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A process killed with SIGKILL leaves its snapshot and sqlite-jdbc's library behind: in the
    // test's directory, not in the machine's /tmp (51 files, 720 MB, in one day of test runs).
    Path tmp =
        java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent().resolve("tmp"));
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.sqlite2pg.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pauseAt.ifPresent(s -> pb.environment().put("SQLITE2PG_PAUSE_AT", s));
    return pb.start();
  }

  /** Waits until {@code log} has {@code line}; fails if the process ends first. */
  public static void awaitLine(Process p, Path log, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String out = Files.exists(log) ? Files.readString(log) : "";
      if (out.contains(line)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("the process ended before '" + line + "':\n" + out);
      }
      Thread.sleep(1);
    }
    throw new AssertionError("never '" + line + "':\n" + Files.readString(log));
  }

  /** SIGKILL, and wait for it to die. */
  public static void kill(Process p) throws InterruptedException {
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Which sides take writes now: SQLite's fence and PostgreSQL's, probed. */
  public static Sides sides(Path db, String url) throws Exception {
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + db);
        Connection pg = TestPostgres.connect(url)) {
      return new Sides(!SqliteFence.active(sqlite), !Fence.active(pg, "public"));
    }
  }

  /** {@code command}; while the killed process's session still holds the run lock, again. */
  public static <T> T whenFree(Supplier<T> command) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        return command.get();
      } catch (MigrationException e) {
        if (attempt > 50 || !e.getMessage().contains("another sqlite2pg")) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
