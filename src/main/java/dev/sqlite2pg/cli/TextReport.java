package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.RejectedRow;
import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.TableReport;
import dev.sqlite2pg.Warning;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The report a person reads: one line per table, totals, then everything to look at. */
final class TextReport {

  private static final int MAX_REJECTS_SHOWN = 5;

  private TextReport() {}

  static String render(MigrationResult r, Path rejectDir) {
    StringWriter sw = new StringWriter();
    PrintWriter out = new PrintWriter(sw);
    out.printf(
        Locale.ROOT, "%nsqlite2pg: %s -> %s (schema %s)%n", r.source(), r.target(), r.schema());
    r.snapshotAt()
        .ifPresent(
            at -> out.printf(Locale.ROOT, "copied from a consistent snapshot taken at %s%n", at));
    out.println();
    // The SKIPPED column only when rows were skipped, so the usual report keeps its shape.
    boolean skipped = r.skippedExisting() > 0;
    out.printf(
        Locale.ROOT,
        "%-40s %10s %10s " + (skipped ? "%9s " : "%s") + "%9s %10s %8s%n",
        "TABLE",
        "SOURCE",
        "COPIED",
        skipped ? "SKIPPED" : "",
        "REJECTED",
        "VERIFY",
        "SECONDS");
    for (TableReport t : r.tables()) {
      line(
          out,
          skipped,
          name(t),
          t.sourceRows(),
          t.copiedRows(),
          t.skippedExisting(),
          t.rejectedRows(),
          verify(t),
          t.seconds());
    }
    line(
        out,
        skipped,
        "TOTAL (" + r.tables().size() + " tables, " + mb(r.bytes()) + ")",
        r.sourceRows(),
        r.copiedRows(),
        r.skippedExisting(),
        r.rejectedRows(),
        "",
        r.seconds());
    if (!r.steps().isEmpty()) {
      out.printf(Locale.ROOT, "%s%n", StepLine.of(r.steps()));
    }
    if (skipped) {
      out.printf(
          Locale.ROOT,
          "%nSKIPPED: rows the target already held, left as they were: with"
              + " --if-exists=skip-existing those whose primary key it held, with --data-only rows"
              + " identical to the source's, and a framework's migration history (compared by"
              + " migration); VERIFY compares them too.%n");
    }
    for (TableReport t : r.tables()) {
      t.error().ifPresent(e -> out.printf(Locale.ROOT, "%nFAILED %s: %s%n", t.sourceTable(), e));
      rejects(out, t, rejectDir);
      t.verification()
          .filter(v -> !v.complete())
          .ifPresent(
              v -> {
                out.printf(Locale.ROOT, "%nVERIFY %s: %s%n", t.sourceTable(), v.verdict());
                VerifyReport.differences(out, v);
              });
    }
    list(out, "Warnings", r.warnings().stream().map(Warning::describe).toList());
    list(out, "Not migrated", r.notMigrated().stream().map(TextReport::describe).toList());
    out.printf(Locale.ROOT, "%n%s%n", verdict(r));
    out.flush();
    return sw.toString();
  }

  private static void line(
      PrintWriter out,
      boolean withSkipped,
      String name,
      long source,
      long copied,
      long skipped,
      long rejected,
      String verify,
      double seconds) {
    if (withSkipped) {
      out.printf(
          Locale.ROOT,
          "%-40s %10d %10d %9d %9d %10s %8.2f%n",
          name,
          source,
          copied,
          skipped,
          rejected,
          verify,
          seconds);
    } else {
      out.printf(
          Locale.ROOT,
          "%-40s %10d %10d %9d %10s %8.2f%n",
          name,
          source,
          copied,
          rejected,
          verify,
          seconds);
    }
  }

  private static void rejects(PrintWriter out, TableReport t, Path rejectDir) {
    if (t.rejected().isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "%nREJECTED %d row%s of %s (all in %s):%n",
        t.rejectedRows(),
        t.rejectedRows() == 1 ? "" : "s",
        t.sourceTable(),
        rejectDir.resolve(RejectedRow.fileName(t.sourceTable())));
    for (RejectedRow row :
        t.rejected().subList(0, Math.min(MAX_REJECTS_SHOWN, t.rejected().size()))) {
      out.printf(Locale.ROOT, "  %s, column %s: %s%n", row.key(), row.column(), row.reason());
    }
    if (t.rejected().size() > MAX_REJECTS_SHOWN) {
      out.printf(Locale.ROOT, "  ... and %d more%n", t.rejected().size() - MAX_REJECTS_SHOWN);
    }
  }

  private static String describe(NotMigrated n) {
    return n.kind() + " " + n.name() + ": " + n.reason();
  }

  static void list(PrintWriter out, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%n%s (%d):%n", title, lines.size());
    lines.forEach(l -> out.printf(Locale.ROOT, "  - %s%n", l));
  }

  private static String name(TableReport t) {
    String n =
        t.sourceTable().equals(t.targetTable())
            ? t.sourceTable()
            : t.sourceTable() + " -> " + t.targetTable();
    return n.length() > 40 ? n.substring(0, 37) + "..." : n;
  }

  private static String verify(TableReport t) {
    if (t.error().isPresent()) {
      return "FAILED";
    }
    return t.verification()
        .map(v -> v.complete() ? "OK" : onlyRejectedMissing(t, v) ? "INCOMPLETE" : "DIFFERENT")
        .orElse("-");
  }

  /**
   * Every row verify misses is a row the copy rejected (a value that did not convert, or a row
   * PostgreSQL refused: a CHECK, a foreign key), and nothing else differs: the table is incomplete
   * by exactly its listed rejects, not different.
   */
  private static boolean onlyRejectedMissing(TableReport t, TableCheck v) {
    return v.extra() == 0
        && v.changed() == 0
        && v.problem() == null
        && v.missing() + v.rejected() == t.rejectedRows();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static String verdict(MigrationResult r) {
    String there = r.skippedExisting() == 0 ? "" : r.skippedExisting() + " already there, ";
    if (r.complete() && r.skippedExisting() > 0) {
      return "OK: all "
          + r.sourceRows()
          + " rows of "
          + r.tables().size()
          + " tables are in"
          + " the target ("
          + r.copiedRows()
          + " copied, "
          + r.skippedExisting()
          + " already"
          + " there)"
          + (r.verified() ? " and verified equal." : " (verification skipped).");
    }
    if (r.complete()) {
      return "OK: all "
          + r.copiedRows()
          + " rows of "
          + r.tables().size()
          + " tables arrived"
          + (r.verified() ? " and verified equal." : " (verification skipped).");
    }
    return "NOT COMPLETE: "
        + r.copiedRows()
        + " of "
        + r.sourceRows()
        + " rows copied, "
        + there
        + r.rejectedRows()
        + " rejected"
        + (r.tables().stream().anyMatch(t -> t.error().isPresent()) ? ", tables failed" : "")
        + "; exit code "
        + r.exitCode()
        + ".";
  }
}
