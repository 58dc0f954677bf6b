package dev.sqlite2pg.cli;

import dev.sqlite2pg.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * {@code --progress=auto|tty|plain|none} (the spelling of {@code docker build --progress}) and
 * {@code --no-progress}: a live status line on a terminal, plain periodic lines otherwise.
 */
final class ProgressOption {

  /** How progress is shown. */
  enum Mode {
    AUTO,
    TTY,
    PLAIN,
    NONE
  }

  @Option(
      names = "--progress",
      paramLabel = "auto|tty|plain|none",
      converter = ModeConverter.class,
      description =
          "How progress is shown on stderr: tty, a status line redrawn in place (step, percent,"
              + " rows/s, ETA); plain, a line every 10 s and at each step's end, for logs; none;"
              + " auto (default): tty when stderr is a terminal, else plain, none with -q.")
  Mode mode;

  @Option(names = "--no-progress", description = "Same as --progress=none.")
  boolean off;

  /** picocli's enum matching is case-sensitive; these are lower-case words. */
  static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      try {
        return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "--progress takes auto, tty, plain or none, not '" + value + "'");
      }
    }
  }

  /** The mode in force: -q silences auto, an explicit mode stands. */
  Mode resolve(boolean quiet, java.util.function.BooleanSupplier tty) {
    Mode m = off ? Mode.NONE : mode == null ? Mode.AUTO : mode;
    if (m != Mode.AUTO) {
      return m;
    }
    return quiet ? Mode.NONE : tty.getAsBoolean() ? Mode.TTY : Mode.PLAIN;
  }

  /** Starts showing progress as the options say; close the result before printing the report. */
  Shown show(boolean quiet) {
    return switch (resolve(quiet, Terminal::stderrIsTty)) {
      case TTY -> Shown.tty(System.err);
      case PLAIN -> Shown.plain(System.err);
      default -> new Shown(ProgressListener.NONE, null, () -> {});
    };
  }

  /** Progress being shown: the listener for the builder, and how to stop. */
  static final class Shown implements AutoCloseable {
    private final ProgressListener listener;
    private final ScheduledExecutorService ticker;
    private final Runnable end;
    private boolean closed;

    private Shown(ProgressListener listener, ScheduledExecutorService ticker, Runnable end) {
      this.listener = listener;
      this.ticker = ticker;
      this.end = end;
    }

    ProgressListener listener() {
      return listener;
    }

    static Shown tty(PrintStream stderr) {
      StatusLine line = new StatusLine(stderr, new CachedWidth(), System::nanoTime);
      System.setErr(line.guard());
      ScheduledExecutorService t =
          ticking(line::tick, StatusLine.TICK_MILLIS, TimeUnit.MILLISECONDS);
      return new Shown(
          line,
          t,
          () -> {
            line.clear();
            System.setErr(stderr);
          });
    }

    static Shown plain(PrintStream stderr) {
      PlainProgress plain = new PlainProgress(stderr, System::nanoTime);
      return new Shown(
          plain, ticking(plain::tick, PlainProgress.EVERY_SECONDS, TimeUnit.SECONDS), () -> {});
    }

    private static ScheduledExecutorService ticking(Runnable tick, long every, TimeUnit unit) {
      ScheduledExecutorService t =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread th = new Thread(r, "sqlite2pg-progress");
                th.setDaemon(true);
                return th;
              });
      t.scheduleAtFixedRate(tick, every, every, unit);
      return t;
    }

    @Override
    public void close() {
      stop();
    }

    /**
     * Stops the display and erases the status line, before the report is printed; later calls do
     * nothing.
     */
    synchronized void stop() {
      if (closed) {
        return;
      }
      closed = true;
      if (ticker != null) {
        ticker.shutdownNow();
        try {
          ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      end.run();
    }
  }

  /** The terminal's width, asked again at most every 5 s (it spawns stty). */
  private static final class CachedWidth implements java.util.function.IntSupplier {
    private int cols;
    private long asked = Long.MIN_VALUE;

    @Override
    public int getAsInt() {
      long now = System.nanoTime();
      if (asked == Long.MIN_VALUE || now - asked > TimeUnit.SECONDS.toNanos(5)) {
        cols = Terminal.width();
        asked = now;
      }
      return cols;
    }
  }
}
