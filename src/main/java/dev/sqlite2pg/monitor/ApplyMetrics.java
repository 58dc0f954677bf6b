package dev.sqlite2pg.monitor;

import java.util.Map;
import java.util.TreeMap;

/**
 * What only the running process knows: how long its batches took (a histogram) and which errors it
 * met. Everything else a metric says is read from the databases, so a restarted process, or {@code
 * sync status} from another host, reports the same numbers.
 */
public final class ApplyMetrics {

  /** Upper bounds of the batch-duration buckets, in seconds (Prometheus' default, shorter). */
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final long[] buckets = new long[BOUNDS.length];
  private long batches;
  private double seconds;
  private final Map<String, Long> errors = new TreeMap<>();

  /** One applied batch and how long its PostgreSQL transaction took. */
  public synchronized void batch(double took) {
    batches++;
    seconds += took;
    for (int i = 0; i < BOUNDS.length; i++) {
      if (took <= BOUNDS[i]) {
        buckets[i]++;
      }
    }
  }

  /** One error of {@code kind} ("sqlite", "postgresql", "conversion"). */
  public synchronized void error(String kind) {
    errors.merge(kind, 1L, Long::sum);
  }

  /** A consistent copy, for one scrape. */
  synchronized Snapshot snapshot() {
    return new Snapshot(buckets.clone(), batches, seconds, Map.copyOf(errors));
  }

  record Snapshot(long[] buckets, long count, double sum, Map<String, Long> errors) {}
}
