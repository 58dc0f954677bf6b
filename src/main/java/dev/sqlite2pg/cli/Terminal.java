package dev.sqlite2pg.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the CLI needs to know of the terminal stderr goes to: whether it is one, and its width. */
final class Terminal {

  private Terminal() {}

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  /**
   * Whether stderr is a terminal that understands {@code \r} and erase-line. {@code
   * System.console()} answers for stdin and stdout only (Java 17), and stdout is often redirected
   * to keep the report ({@code > report.txt}) while stderr stays on the screen, so POSIX systems
   * ask {@code test -t 2} with our own stderr inherited.
   */
  static boolean stderrIsTty() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    if (WINDOWS) {
      return System.console() != null;
    }
    try {
      Process p =
          new ProcessBuilder("sh", "-c", "test -t 2")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.INHERIT)
              .start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return System.console() != null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The terminal's columns: $COLUMNS, else {@code stty size} on /dev/tty, else 80. */
  static int width() {
    String columns = System.getenv("COLUMNS");
    if (columns != null && columns.matches("[0-9]{1,4}")) {
      return Integer.parseInt(columns);
    }
    if (WINDOWS || !new File("/dev/tty").canRead()) {
      return 80;
    }
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty")).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(2, TimeUnit.SECONDS) && out.matches("[0-9]+ [0-9]+")) {
        int cols = Integer.parseInt(out.substring(out.indexOf(' ') + 1));
        return cols > 0 ? cols : 80;
      }
    } catch (IOException e) {
      return 80;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 80;
  }
}
