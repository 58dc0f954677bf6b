package dev.sqlite2pg.cli;

import dev.sqlite2pg.StepTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The steps' durations as one line of the text report: {@code steps: snapshot 0.0 s, ...}. */
final class StepLine {

  private StepLine() {}

  /** The line without its newline, or "" when no step was timed. */
  static String of(List<StepTime> steps) {
    if (steps.isEmpty()) {
      return "";
    }
    return steps.stream()
        .map(s -> String.format(Locale.ROOT, "%s %.1f s", s.name(), s.seconds()))
        .collect(Collectors.joining(", ", "steps: ", ""));
  }
}
