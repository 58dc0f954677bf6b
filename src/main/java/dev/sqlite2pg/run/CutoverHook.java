package dev.sqlite2pg.run;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --on-cutover CMD} (design 3.7 step 6): what tells the application to write to PostgreSQL
 * now (touch a flag file its router reads, call an admin endpoint, {@code kubectl set env}). Run by
 * the platform's shell once PostgreSQL takes the writes, with the cut-over's time and change id in
 * its environment; its output goes where sqlite2pg's goes.
 */
final class CutoverHook {

  private CutoverHook() {}

  /** Runs {@code command} and waits for it; why it failed, if it did. */
  static Optional<String> run(String command, Instant at, long changeId) {
    return run(
        "--on-cutover",
        command,
        java.util.Map.of(
            "SQLITE2PG_CUTOVER_AT", at.toString(),
            "SQLITE2PG_CUTOVER_CHANGE", Long.toString(changeId)));
  }

  /**
   * Runs {@code command} (the value of {@code option}) with {@code env} added to sqlite2pg's
   * environment, and waits for it; why it failed, if it did.
   */
  static Optional<String> run(String option, String command, java.util.Map<String, String> env) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    ProcessBuilder pb =
        new ProcessBuilder(
                windows ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command))
            .inheritIO();
    pb.environment().putAll(env);
    try {
      int exit = pb.start().waitFor();
      return exit == 0
          ? Optional.empty()
          : Optional.of(option + " exited with " + exit + ": tell the application yourself");
    } catch (IOException e) {
      return Optional.of(
          option + " could not start (" + e.getMessage() + "): tell the application yourself");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(option + " was interrupted: tell the application yourself");
    }
  }
}
