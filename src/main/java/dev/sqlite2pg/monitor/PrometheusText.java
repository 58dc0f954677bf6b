package dev.sqlite2pg.monitor;

import dev.sqlite2pg.SyncStatus;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics in Prometheus' text exposition format 0.0.4 (prometheus.io, "Exposition formats"),
 * written by hand: a dozen lines do not need a client library. The metric names and labels are a
 * stable interface (README, "sync status").
 */
final class PrometheusText {

  private final StringBuilder out = new StringBuilder();

  private PrometheusText() {}

  static String render(SyncStatus s, ApplyMetrics.Snapshot m) {
    PrometheusText p = new PrometheusText();
    p.phase(s);
    p.gauge(
        "sqlite2pg_sync_lag_seconds",
        "Lag: now minus the oldest pending change's time; reverse (PostgreSQL to SQLite, after a"
            + " cut-over) on PostgreSQL's clock.");
    p.sample("sqlite2pg_sync_lag_seconds{direction=\"forward\"}", s.lag().toMillis() / 1000.0);
    p.sample(
        "sqlite2pg_sync_lag_seconds{direction=\"reverse\"}", s.reverseLag().toMillis() / 1000.0);
    p.gauge("sqlite2pg_sync_pending_changes", "Changes captured and not applied yet.");
    p.sample("sqlite2pg_sync_pending_changes{direction=\"forward\"}", s.pendingChanges());
    p.sample("sqlite2pg_sync_pending_changes{direction=\"reverse\"}", s.reversePending());
    p.gauge(
        "sqlite2pg_sync_source_change_id", "The highest change id SQLite's changelog gave out.");
    p.sample("sqlite2pg_sync_source_change_id", s.capturedId());
    p.gauge("sqlite2pg_sync_applied_change_id", "The highest change id PostgreSQL holds.");
    p.sample("sqlite2pg_sync_applied_change_id", s.appliedId());
    p.gauge(
        "sqlite2pg_sync_last_apply_timestamp_seconds",
        "When PostgreSQL last committed a batch, in Unix seconds.");
    p.sample(
        "sqlite2pg_sync_last_apply_timestamp_seconds",
        s.lastApplyAt().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0));
    p.tables(s);
    p.histogram(m);
    p.errors(m);
    return p.out.toString();
  }

  private void phase(SyncStatus s) {
    gauge("sqlite2pg_sync_phase", "1 for the phase sync is in, 0 for the others.");
    for (SyncStatus.Phase ph : SyncStatus.Phase.values()) {
      sample("sqlite2pg_sync_phase{phase=\"" + ph.label() + "\"}", ph == s.phase() ? 1 : 0);
    }
  }

  private void tables(SyncStatus s) {
    out.append("# HELP sqlite2pg_sync_applied_changes_total Changes applied since sync started.\n")
        .append("# TYPE sqlite2pg_sync_applied_changes_total counter\n");
    for (SyncStatus.Table t : s.tables()) {
      sample(
          "sqlite2pg_sync_applied_changes_total{direction=\"forward\",table=\""
              + escape(t.name())
              + "\"}",
          t.appliedChanges());
    }
    gauge(
        "sqlite2pg_sync_table_paused",
        "1 when apply is paused for the table (sync status says why).");
    for (SyncStatus.Table t : s.tables()) {
      sample(
          "sqlite2pg_sync_table_paused{table=\"" + escape(t.name()) + "\"}",
          t.paused().isPresent() ? 1 : 0);
    }
  }

  private void histogram(ApplyMetrics.Snapshot m) {
    String name = "sqlite2pg_sync_apply_batch_seconds";
    out.append("# HELP ")
        .append(name)
        .append(" How long each batch's PostgreSQL transaction took.\n")
        .append("# TYPE ")
        .append(name)
        .append(" histogram\n");
    for (int i = 0; i < ApplyMetrics.BOUNDS.length; i++) {
      sample(name + "_bucket{le=\"" + number(ApplyMetrics.BOUNDS[i]) + "\"}", m.buckets()[i]);
    }
    sample(name + "_bucket{le=\"+Inf\"}", m.count());
    sample(name + "_sum", m.sum());
    sample(name + "_count", m.count());
  }

  private void errors(ApplyMetrics.Snapshot m) {
    out.append("# HELP sqlite2pg_sync_errors_total Errors met while applying, by side.\n")
        .append("# TYPE sqlite2pg_sync_errors_total counter\n");
    Map<String, Long> errors = new TreeMap<>(Map.of("sqlite", 0L, "postgresql", 0L));
    errors.putAll(m.errors());
    errors.forEach((kind, n) -> sample("sqlite2pg_sync_errors_total{kind=\"" + kind + "\"}", n));
  }

  private void gauge(String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private void sample(String series, double value) {
    out.append(series).append(' ').append(number(value)).append('\n');
  }

  private static String number(double v) {
    // Plain digits, never 1.79E9: every scraper reads them, and people read them too.
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : java.math.BigDecimal.valueOf(v).toPlainString();
  }

  /** Label values escape backslash, double quote and newline (the format's only rules). */
  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
