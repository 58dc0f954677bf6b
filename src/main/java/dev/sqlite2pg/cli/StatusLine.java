package dev.sqlite2pg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The live status line on a terminal: one line on stderr, redrawn in place ({@code \r}, then erase
 * to the end of the line) at most five times a second, cut to the terminal's width so that it never
 * wraps. The run's own lines ("STEP 4: ...", warnings) go to the same stderr: {@link #guard()} is
 * the stderr they write to, which erases the status line before each write; the next tick draws it
 * again below them. Written here rather than with me.tongfei:progressbar (served, MIT): its bars
 * have one unit and a fixed maximum each, where a run's steps count rows, statements and files, and
 * it cannot clear its line before another writer prints on the same stream.
 */
final class StatusLine extends ProgressBoard {

  /** At most five redraws a second. */
  static final long TICK_MILLIS = 200;

  private final PrintStream terminal;
  private final IntSupplier width;
  private final Object lock = new Object();
  private boolean drawn;

  /**
   * @param terminal the real stderr
   * @param width the terminal's columns, asked at each draw (cheap: see {@link Terminal#width})
   */
  StatusLine(PrintStream terminal, IntSupplier width, LongSupplier nanos) {
    super(nanos);
    this.terminal = terminal;
    this.width = width;
  }

  /** Draws the line again, in place. */
  void tick() {
    String line = ProgressText.line(status(), width.getAsInt());
    synchronized (lock) {
      terminal.print("\r" + line + "\u001b[K");
      terminal.flush();
      drawn = true;
    }
  }

  /** Erases the line (the run's end, or before another line is printed). */
  void clear() {
    synchronized (lock) {
      if (drawn) {
        terminal.print("\r\u001b[K");
        terminal.flush();
        drawn = false;
      }
    }
  }

  /** A stderr for everyone else: the status line is erased before their bytes are written. */
  PrintStream guard() {
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (lock) {
              clear();
              terminal.write(b, off, len);
            }
          }

          @Override
          public void flush() {
            terminal.flush();
          }
        };
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
