package dev.sqlite2pg.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Progress for logs (CI, {@code kubectl logs}, a file): a plain line every {@link #EVERY_SECONDS}
 * seconds and one at each step's end, never a carriage return or an escape sequence.
 */
final class PlainProgress extends ProgressBoard {

  static final long EVERY_SECONDS = 10;

  private final PrintStream out;

  PlainProgress(PrintStream out, LongSupplier nanos) {
    super(nanos);
    this.out = out;
  }

  /** The periodic line. */
  void tick() {
    out.println("progress: " + ProgressText.line(status(), 0));
  }

  @Override
  void stepEnded(StepFinished e) {
    ProgressText.Status s = status();
    if (s.files() > 0) {
      return; // a fleet: each file's steps would bury the periodic lines
    }
    out.println("progress: " + ProgressText.finished(e.step(), e.duration().toNanos() / 1e9, s));
  }
}
