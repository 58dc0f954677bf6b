package dev.sqlite2pg;

/**
 * How long reading and encoding every row would take on this machine, extrapolated from a short
 * measured sample (the copy's own reader and encoders, nothing sent anywhere).
 *
 * @param seconds the estimate for all rows, on one core
 * @param rowsMeasured how many rows the sample read and encoded
 * @param tablesMeasured from how many tables
 * @param measuredSeconds how long the sample took
 * @param rows all rows of the planned tables
 */
public record MigrationTime(
    double seconds, long rowsMeasured, int tablesMeasured, double measuredSeconds, long rows) {

  /** "about 12.3 s (estimate from 20,000 rows measured in 0.41 s, 3 tables)". */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "about %s to read and encode %,d rows on this machine, one core (an estimate from %,d rows"
            + " of %d tables measured in %.2f s); PostgreSQL's COPY, index builds and verify come"
            + " on top",
        duration(seconds),
        rows,
        rowsMeasured,
        tablesMeasured,
        measuredSeconds);
  }

  private static String duration(double s) {
    if (s < 10) {
      return String.format(java.util.Locale.ROOT, "%.2f s", s);
    }
    if (s < 60) {
      return String.format(java.util.Locale.ROOT, "%.1f s", s);
    }
    if (s < 3600) {
      return String.format(java.util.Locale.ROOT, "%.1f min", s / 60);
    }
    return String.format(java.util.Locale.ROOT, "%.1f h", s / 3600);
  }
}
