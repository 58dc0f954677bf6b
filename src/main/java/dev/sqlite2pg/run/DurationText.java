package dev.sqlite2pg.run;

import java.time.Duration;

/** A duration as the command line takes it: "2s", "250ms", "1h". */
final class DurationText {

  private DurationText() {}

  static String of(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
