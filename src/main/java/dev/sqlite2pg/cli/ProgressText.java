package dev.sqlite2pg.cli;

import dev.sqlite2pg.ProgressListener.Step;
import dev.sqlite2pg.ProgressListener.StepStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's progress as one line of text, the same for the live status line and the periodic plain
 * lines: the step, percent, counts, rate and ETA (copy: rows and bytes; post_data: statements;
 * verify: rows checked; a fleet: files).
 */
final class ProgressText {

  private ProgressText() {}

  /**
   * A reading of {@link ProgressBoard}.
   *
   * @param step the step under way, null before the first
   * @param stepNanos time since it started
   * @param current STEP 5's statement started last ("index orders_customer_idx")
   * @param objectsInStep STEP 5's statements ended since post_data itself started (for its rate)
   * @param files a fleet's files, 0 when not a fleet
   */
  record Status(
      StepStarted step,
      long stepNanos,
      long runNanos,
      String current,
      long rowsCopied,
      long bytesCopied,
      int tablesCopied,
      long objectsDone,
      long objectsInStep,
      long rowsChecked,
      int tablesChecked,
      int files,
      int filesStarted,
      int filesDone) {}

  /** The line for {@code s}, cut to {@code width} characters (0: not cut). */
  static String line(Status s, int width) {
    String text = String.join("  ", parts(s));
    return width > 0 && text.length() >= width ? text.substring(0, Math.max(0, width - 1)) : text;
  }

  private static List<String> parts(Status s) {
    if (s.files() > 0) {
      return fleet(s);
    }
    if (s.step() == null) {
      return List.of("starting");
    }
    List<String> out = new ArrayList<>();
    out.add(s.step().step().label());
    switch (s.step().step()) {
      case COPY -> copy(s, out);
      case POST_DATA -> postData(s, out);
      case VERIFY -> verify(s, out);
      default -> out.add(seconds(s.stepNanos()));
    }
    return out;
  }

  private static void copy(Status s, List<String> out) {
    StepStarted st = s.step();
    counted(out, s.rowsCopied(), st.rows(), "rows", s.rowsCopied(), s.stepNanos());
    out.add(mb(s.bytesCopied()));
    out.add(s.tablesCopied() + "/" + st.tables() + " tables");
    out.add(eta(s.rowsCopied(), st.rows(), s.rowsCopied(), s.stepNanos()));
  }

  private static void postData(Status s, List<String> out) {
    int total = s.step().objects();
    out.add(percent(s.objectsDone(), total));
    out.add(s.objectsDone() + "/" + total + " objects");
    if (!s.current().isEmpty()) {
      out.add(s.current());
    }
    out.add(eta(s.objectsDone(), total, s.objectsInStep(), s.stepNanos()));
  }

  private static void verify(Status s, List<String> out) {
    StepStarted st = s.step();
    counted(out, s.rowsChecked(), st.rows(), "rows checked", s.rowsChecked(), s.stepNanos());
    out.add(s.tablesChecked() + "/" + st.tables() + " tables");
    out.add(eta(s.rowsChecked(), st.rows(), s.rowsChecked(), s.stepNanos()));
  }

  private static List<String> fleet(Status s) {
    int running = s.filesStarted() - s.filesDone();
    List<String> out = new ArrayList<>();
    out.add(percent(s.filesDone(), s.files()));
    out.add(s.filesDone() + "/" + s.files() + " files (" + running + " running)");
    out.add(String.format(Locale.ROOT, "%,d rows copied", s.rowsCopied()));
    out.add(rate(s.rowsCopied(), s.runNanos()));
    out.add(eta(s.filesDone(), s.files(), s.filesDone(), s.runNanos()));
    return out;
  }

  /** Percent, "done/total unit" and the rate; without a total, the count and rate only. */
  private static void counted(
      List<String> out, long done, long total, String unit, long sinceStart, long nanos) {
    if (total > 0) {
      out.add(percent(done, total));
      out.add(String.format(Locale.ROOT, "%,d/%,d %s", done, total, unit));
    } else {
      out.add(String.format(Locale.ROOT, "%,d %s", done, unit));
    }
    out.add(rate(sinceStart, nanos));
  }

  static String percent(long done, long total) {
    if (total <= 0) {
      return "--%";
    }
    return Math.min(100, done * 100 / total) + "%";
  }

  static String rate(long rows, long nanos) {
    return nanos <= 0
        ? "-- rows/s"
        : String.format(Locale.ROOT, "%,d rows/s", (long) (rows / (nanos / 1e9)));
  }

  /** "ETA 1 min 05 s" from the rate so far; "ETA --" before there is one. */
  static String eta(long done, long total, long doneInStep, long nanos) {
    if (total <= 0 || doneInStep <= 0 || nanos <= 0) {
      return "ETA --";
    }
    long left = Math.max(0, total - done);
    long seconds = Math.round(left * (nanos / 1e9) / doneInStep);
    return "ETA " + duration(seconds);
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }

  /** The line a step's end prints, with what it did where it counts. */
  static String finished(Step step, double seconds, Status s) {
    String took = String.format(Locale.ROOT, "%s finished in %.1f s", step.label(), seconds);
    return switch (step) {
      case COPY ->
          took
              + String.format(
                  Locale.ROOT,
                  " (%,d rows, %s, %s)",
                  s.rowsCopied(),
                  mb(s.bytesCopied()),
                  rate(s.rowsCopied(), (long) (seconds * 1e9)));
      case POST_DATA -> took + " (" + s.objectsDone() + " objects)";
      case VERIFY ->
          took
              + String.format(
                  Locale.ROOT,
                  " (%,d rows checked in %d tables)",
                  s.rowsChecked(),
                  s.tablesChecked());
      default -> took;
    };
  }
}
