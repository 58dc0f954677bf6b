package dev.sqlite2pg.cli;

import dev.sqlite2pg.Cancellation;
import dev.sqlite2pg.MigrationException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Ctrl-C and SIGTERM during a run (issue 17). The JVM runs shutdown hooks on either signal; this
 * one cancels the run and waits (at most {@link #WAIT_SECONDS}) for the command to stop its
 * workers, delete its snapshot and print its one line. The hook does not halt: the JVM's own
 * temporary files (sqlite-jdbc's native library, deleted on exit) are removed only after every hook
 * returned, and a halt left them behind (tried: two files per Ctrl-C in java.io.tmpdir).
 *
 * <p>The exit status is then the signal's: the JVM exits with 128 + its number, 130 for SIGINT.
 * SIGTERM would give 143, so while a run lasts SIGTERM is handled here and ends the process as
 * Ctrl-C does ({@code System.exit(130)}, which runs the same hooks): one documented code for
 * "stopped, resumable", whoever stopped it (a terminal, systemd, docker stop, Kubernetes).
 *
 * <p>From the signal on, the library's log lines go nowhere: they would be the workers failing as
 * they were told to ("copied events: 0 rows" when the embedded server, which the terminal's SIGINT
 * reaches too, stopped under them), and the one line says what stands.
 */
final class Interrupts implements AutoCloseable {

  /** The exit status after Ctrl-C or SIGTERM: 128 + SIGINT, as shells report it. */
  static final int EXIT = ExitCodes.INTERRUPTED;

  /** How long the run has to stop its workers, delete its snapshot and print. */
  static final long WAIT_SECONDS = 10;

  private final Cancellation cancellation;
  private final PrintWriter err;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;
  private final Object term;
  private volatile boolean signalled;

  private Interrupts(Cancellation cancellation, PrintWriter err) {
    this.cancellation = cancellation;
    this.err = err;
    this.hook = new Thread(this::stop, "sqlite2pg-interrupt");
    this.term = Sigterm.handle();
  }

  /** Installs the hook for one run; {@link #close()} removes it when the run ends first. */
  static Interrupts install(Cancellation cancellation, PrintWriter err) {
    Interrupts i = new Interrupts(cancellation, err);
    Runtime.getRuntime().addShutdownHook(i.hook);
    return i;
  }

  /**
   * Runs {@code work} (a command's run) with Ctrl-C and SIGTERM handled: its exit code, or {@value
   * #EXIT} after the one line.
   *
   * @param resumes whether the command continues with --resume (migrate), or is run again as it was
   *     (verify, sync start)
   */
  static int during(
      Cancellation cancellation, CommandSpec spec, boolean resumes, IntSupplier work) {
    try (Interrupts i = install(cancellation, spec.commandLine().getErr())) {
      try {
        return work.getAsInt();
      } catch (MigrationException e) {
        return i.interrupted(e, spec, resumes);
      }
    }
  }

  /**
   * The run's one line after an interruption (what stands, and the command that continues) and
   * {@value #EXIT}; any other failure is rethrown for {@link ErrorHandler}.
   */
  int interrupted(MigrationException e, CommandSpec spec, boolean resumes) {
    if (e.code() != MigrationException.Code.INTERRUPTED) {
      throw e;
    }
    String resume =
        ResumeCommand.of(spec.commandLine().getParseResult().originalArgs(), spec.name(), resumes);
    err.println("sqlite2pg: " + ErrorHandler.oneLine(e) + "; continue with: " + resume);
    err.flush();
    return EXIT;
  }

  private void stop() {
    signalled = true;
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    cancellation.cancel();
    try {
      // The main thread's own System.exit waits for this hook; the signal's exit status stands.
      if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        cancellation.deleteTemporaryFiles();
        err.println(
            "sqlite2pg: interrupted: the run did not stop within "
                + WAIT_SECONDS
                + " s; its snapshot is deleted, and what it committed stays for --resume");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancellation.deleteTemporaryFiles();
    }
    err.flush();
    System.out.flush();
  }

  /** The run ended (or printed its line): the hook may return now, or is not needed. */
  @Override
  public void close() {
    if (!signalled) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The signal came just now: the hook runs, and returns once this latch is down.
      }
      Sigterm.restore(term);
    }
    done.countDown();
  }

  /**
   * SIGTERM as Ctrl-C, through jdk.unsupported's {@code sun.misc.Signal} (no other API hears a
   * signal), reached by reflection: javac warns at every mention of it, and the build treats
   * warnings as errors.
   */
  private static final class Sigterm {

    private Sigterm() {}

    /** The handler replaced, to restore; null where SIGTERM cannot be handled (-Xrs, no API). */
    static Object handle() {
      try {
        return swap(
            Proxy.newProxyInstance(
                Sigterm.class.getClassLoader(),
                new Class<?>[] {Class.forName("sun.misc.SignalHandler")},
                Sigterm::exit));
      } catch (ReflectiveOperationException | RuntimeException notHere) {
        return null; // then SIGTERM exits 143, still with the hook's cleanup and line
      }
    }

    static void restore(Object previous) {
      if (previous != null) {
        try {
          swap(previous);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
          // It was installed by the same calls a moment ago.
        }
      }
    }

    /** {@code Signal.handle(new Signal("TERM"), handler)}: installs it, returns the one before. */
    private static Object swap(Object handler) throws ReflectiveOperationException {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Object term = signal.getConstructor(String.class).newInstance("TERM");
      return signal
          .getMethod("handle", signal, Class.forName("sun.misc.SignalHandler"))
          .invoke(null, term, handler);
    }

    private static Object exit(Object proxy, Method m, Object[] args) {
      return switch (m.getName()) {
        case "handle" -> {
          System.exit(EXIT); // in the JVM's signal thread, as its own handler calls exit
          yield null;
        }
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> "sqlite2pg: SIGTERM as Ctrl-C";
      };
    }
  }
}
