package dev.sqlite2pg.sync.load;

import java.util.Arrays;

/** Nanosecond samples and their percentiles. */
public final class Latencies {

  private long[] samples = new long[1024];
  private int n;

  public synchronized void add(long nanos) {
    if (n == samples.length) {
      samples = Arrays.copyOf(samples, n * 2);
    }
    samples[n++] = nanos;
  }

  public synchronized void addAll(Latencies other) {
    long[] o = other.sorted();
    for (long v : o) {
      add(v);
    }
  }

  public synchronized int count() {
    return n;
  }

  /** The p-th percentile (0-100), 0 when there are no samples. */
  public synchronized long percentile(double p) {
    long[] s = sorted();
    if (s.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  public synchronized long max() {
    return percentile(100);
  }

  private synchronized long[] sorted() {
    long[] s = Arrays.copyOf(samples, n);
    Arrays.sort(s);
    return s;
  }
}
