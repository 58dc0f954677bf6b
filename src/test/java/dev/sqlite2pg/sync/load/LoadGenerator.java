package dev.sqlite2pg.sync.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes to a SQLite file at a given rate from several threads (design 4.2), each thread a {@link
 * Writer} with keys of its own, plus a {@link Heartbeat}; with a ledger, every acknowledged write
 * is recorded. {@link #main} runs it as a second OS process ({@link #launch}).
 */
public final class LoadGenerator implements AutoCloseable {

  /**
   * @param firstWriter the number of the first writer thread; writers of different processes must
   *     not overlap (their keys carry the number)
   * @param ledger where acknowledged writes go, or null for none (then single statements are plain
   *     autocommit statements: what the capture-overhead benchmark times)
   * @param process the heartbeat row of this generator
   * @param events also write the keyless events table (image mode)
   */
  public record Options(
      Path db,
      int firstWriter,
      int threads,
      double writesPerSecond,
      Path ledger,
      int process,
      boolean events) {}

  private final Options options;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Writer> writers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Ledger ledger;
  private long startedAt;
  private long stoppedAt;

  private LoadGenerator(Options options) {
    this.options = options;
    this.ledger = options.ledger() == null ? null : new Ledger(options.ledger());
  }

  /** Starts the writers and the heartbeat. */
  public static LoadGenerator start(Options o) {
    LoadGenerator g = new LoadGenerator(o);
    g.startedAt = System.nanoTime();
    double each = o.writesPerSecond() / o.threads();
    for (int i = 0; i < o.threads(); i++) {
      Writer w = new Writer(o.firstWriter() + i, o.db(), each, g.ledger, o.events(), g.stop::get);
      g.writers.add(w);
      g.thread(w, "writer-" + (o.firstWriter() + i));
    }
    g.thread(new Heartbeat(o.db(), o.process(), g.stop::get), "heartbeat-" + o.process());
    return g;
  }

  private void thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
    threads.add(t);
    t.start();
  }

  /** Stops every writer after its current operation; throws what a writer failed with. */
  public void stop() {
    stop.set(true);
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stoppedAt = System.nanoTime();
    if (ledger != null) {
      ledger.close();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the load generator failed", failure.get());
    }
  }

  @Override
  public void close() {
    if (!stop.get()) {
      stop();
    }
  }

  /** Operations acknowledged (committed or, for the 1 % rolled back, ended as asked). */
  public long operations() {
    return writers.stream().mapToLong(w -> w.operations).sum();
  }

  /** Operations SQLite refused with a constraint error (rolled back, not in the ledger). */
  public long refused() {
    return writers.stream().mapToLong(w -> w.refused).sum();
  }

  /** Operations that waited out busy_timeout. */
  public long busy() {
    return writers.stream().mapToLong(w -> w.busy).sum();
  }

  /** Every single-statement autocommit operation's latency (only without a ledger). */
  public Latencies latencies() {
    Latencies all = new Latencies();
    writers.forEach(w -> all.addAll(w.latencies));
    return all;
  }

  /** Seconds between start and stop. */
  public double seconds() {
    return (stoppedAt - startedAt) / 1e9;
  }

  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d operations in %.1f s (%.0f/s) from %d threads, %d refused, %d busy",
        operations(),
        seconds(),
        operations() / seconds(),
        options.threads(),
        refused(),
        busy());
  }

  /**
   * A generator in a second OS process (the test classpath), for {@code seconds}; its output goes
   * to {@code log}.
   */
  public static Process launch(Options o, double seconds, Path log) throws java.io.IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LoadGenerator.class.getName(),
            o.db().toString(),
            Integer.toString(o.firstWriter()),
            Integer.toString(o.threads()),
            Double.toString(o.writesPerSecond()),
            Double.toString(seconds),
            o.ledger() == null ? "-" : o.ledger().toString(),
            Integer.toString(o.process()),
            Boolean.toString(o.events()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * {@code DB FIRST_WRITER THREADS WRITES_PER_SECOND SECONDS LEDGER|- PROCESS EVENTS}: writes for
   * that long, prints a summary, exits 0 (1 when a writer failed).
   */
  public static void main(String[] args) throws Exception {
    Options o =
        new Options(
            Path.of(args[0]),
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Double.parseDouble(args[3]),
            args[5].equals("-") ? null : Path.of(args[5]),
            Integer.parseInt(args[6]),
            Boolean.parseBoolean(args[7]));
    LoadGenerator g = start(o);
    Thread.sleep((long) (Double.parseDouble(args[4]) * 1000));
    try {
      g.stop();
    } catch (IllegalStateException e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.out.println("load: " + g.summary());
  }
}
