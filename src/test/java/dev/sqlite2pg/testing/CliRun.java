package dev.sqlite2pg.testing;

import dev.sqlite2pg.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the command line in this JVM through {@link Main#run(String...)} and captures what it
 * prints. picocli creates its writers on first use, so redirecting System.out and System.err around
 * the call captures the error line as well as the report.
 *
 * @param exitCode what the process would have exited with
 * @param out stdout (the report)
 * @param err stderr (progress, warnings, the error line)
 */
public record CliRun(int exitCode, String out, String err) {

  public static synchronized CliRun run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      code = Main.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    CliRun r =
        new CliRun(
            code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    oldErr.println("[CliRun] exit " + code + "\n[stdout] " + r.out + "\n[stderr] " + r.err);
    return r;
  }

  /**
   * The lines of stderr, without blank ones and without progress lines: slf4j-simple reads its
   * level once per JVM, so a test that ran earlier without -q leaves INFO lines on; and stderr is
   * not a terminal here, so --progress=auto prints its plain "progress: ..." lines.
   */
  public List<String> errLines() {
    return err.lines()
        .filter(l -> !l.isBlank())
        .filter(l -> !l.matches("^(\\d+ )?(TRACE|DEBUG|INFO) .*"))
        .filter(l -> !l.startsWith("progress: "))
        .toList();
  }
}
