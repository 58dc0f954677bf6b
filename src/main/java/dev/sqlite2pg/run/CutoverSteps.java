package dev.sqlite2pg.run;

import dev.sqlite2pg.CutoverResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cut-over's steps as they happen: each one timed and said in one line, and, for drills, the place
 * where {@code SQLITE2PG_PAUSE_AT=<step>} stops the process so that it can be killed there (kill -9
 * at every step, design 4.3): it prints {@code cutover: paused at <step>} and sleeps.
 */
final class CutoverSteps {

  private static final Logger LOG = LoggerFactory.getLogger(CutoverSteps.class);

  /** The environment variable naming the step to pause at, for kill -9 drills. */
  static final String PAUSE_AT = "SQLITE2PG_PAUSE_AT";

  private final String command;
  private final List<CutoverResult.Step> done = new ArrayList<>();
  private final List<dev.sqlite2pg.Warning> warnings = new ArrayList<>();
  private long since = System.nanoTime();

  /**
   * @param command "cutover" or "rollback": how each line starts
   */
  CutoverSteps(String command) {
    this.command = command;
  }

  /**
   * Records a step as finished now, says so, and pauses there when a drill asks.
   *
   * @param key the step's name for {@code SQLITE2PG_PAUSE_AT}: caught-up, locked, drained, decided,
   *     unfenced, told, validated
   * @param text what it did, in words
   */
  void done(String key, String text) {
    long now = System.nanoTime();
    double ms = (now - since) / 1e6;
    since = now;
    done.add(new CutoverResult.Step(text, ms));
    LOG.info(String.format(Locale.ROOT, "%s: %s (%.1f ms)", command, text, ms));
    pauseAt(command, key);
  }

  /** Something the operator must hear about; the cut-over goes on. */
  void warn(String message) {
    LOG.warn("{}: {}", command, message);
    warnings.add(dev.sqlite2pg.Warning.general(message));
  }

  void warn(dev.sqlite2pg.Warning w) {
    LOG.warn("{}: {}", command, w.describe());
    warnings.add(w);
  }

  List<CutoverResult.Step> all() {
    return List.copyOf(done);
  }

  List<dev.sqlite2pg.Warning> warnings() {
    return List.copyOf(warnings);
  }

  /** A drill's pause point: with SQLITE2PG_PAUSE_AT=name, waits here to be killed. */
  private static void pauseAt(String command, String name) {
    if (name.equals(System.getenv(PAUSE_AT))) {
      System.err.println(command + ": paused at " + name + " (" + PAUSE_AT + ")");
      System.err.flush();
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
