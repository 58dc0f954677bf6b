package dev.sqlite2pg.cli;

import dev.sqlite2pg.FleetResult;
import dev.sqlite2pg.FleetResult.FileOutcome;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The report of a run over several files: a section per file (its whole report while there are few
 * files, else one line, and the whole report of any file that did not end with 0), the merged
 * tables' keys, and the totals.
 */
final class FleetReport {

  /** Up to this many files, each file's whole report is printed. */
  private static final int WHOLE_REPORTS = 5;

  private FleetReport() {}

  /**
   * @param verify whether the run verified (no --no-verify)
   */
  static String render(FleetResult r, Path rejectDir, boolean verify) {
    StringWriter sw = new StringWriter();
    PrintWriter out = new PrintWriter(sw);
    boolean whole = r.files().size() <= WHOLE_REPORTS;
    out.printf(
        Locale.ROOT,
        "%d files into %s%s%n",
        r.files().size(),
        r.target(),
        r.tenantColumn().isPresent()
            ? ", merged into schema " + r.schema().orElse("") + " by " + r.tenantColumn().get()
            : r.schema()
                .map(s -> ", one after another into the tables of schema " + s)
                .orElse(", a schema each"));
    if (!whole) {
      out.printf(
          Locale.ROOT, "%n  %-32s %-24s %12s  %s%n", "file", unitHeading(r), "rows", "result");
    }
    for (FileOutcome f : r.files()) {
      if (whole || f.exitCode() != 0) {
        section(out, r, f, rejectDir, whole, verify);
      } else {
        out.printf(
            Locale.ROOT,
            "  %-32s %-24s %,12d  %s%n",
            f.file().getFileName(),
            f.unit(),
            f.rows(),
            verdict(r, f, verify));
      }
    }
    r.keys().ifPresent(k -> keys(out, k));
    r.tenants().ifPresent(t -> tenants(out, t));
    if (r.keys().isPresent() && r.tenants().isEmpty() && verify) {
      out.println(
          "Verify: each tenant is compared with its file after the fleet's last file, by the run"
              + " that loads it");
    }
    out.printf(
        Locale.ROOT,
        "%nFiles: %d; %d ran, %d done by an earlier run, %d failed; %,d rows in %.1f s%n",
        r.files().size(),
        r.count(FleetResult.Status.RAN),
        r.count(FleetResult.Status.DONE_EARLIER),
        r.count(FleetResult.Status.FAILED),
        r.rows(),
        r.seconds());
    out.println(result(r));
    out.flush();
    return sw.toString();
  }

  private static String result(FleetResult r) {
    if (r.exitCode() == 0) {
      return "Result: OK, every file ended with exit code 0";
    }
    boolean filesOk = r.files().stream().allMatch(f -> f.exitCode() == 0);
    return "Result: NOT OK, exit code "
        + r.exitCode()
        + (filesOk
            ? ": tenants differ from their files (see Verify above)"
            : " (the highest of any file); the files above say why");
  }

  private static String unitHeading(FleetResult r) {
    return r.tenantColumn().isPresent() ? "tenant" : r.schema().isPresent() ? "file" : "schema";
  }

  private static void section(
      PrintWriter out,
      FleetResult r,
      FileOutcome f,
      Path rejectDir,
      boolean whole,
      boolean verify) {
    out.printf(
        Locale.ROOT,
        "%n== %s -> %s: %s ==%n",
        f.file(),
        r.tenantColumn().isPresent()
            ? "tenant " + f.unit()
            : "schema " + r.schema().orElse(f.unit()),
        verdict(r, f, verify));
    f.error().ifPresent(e -> out.println("sqlite2pg: " + e));
    f.migrated().ifPresent(m -> out.print(TextReport.render(m, rejectDir.resolve(f.unit()))));
    f.verified().ifPresent(v -> out.print(VerifyReport.render(v, !whole)));
  }

  private static String verdict(FleetResult r, FileOutcome f, boolean verify) {
    return switch (f.status()) {
      case DONE_EARLIER ->
          "done by an earlier run"
              + (f.exitCode() == 0 ? "" : ", NOT OK now: exit " + f.exitCode());
      case FAILED -> "failed, exit " + f.exitCode();
      case RAN -> ran(r, f, verify);
    };
  }

  private static String ran(FleetResult r, FileOutcome f, boolean verify) {
    if (f.exitCode() != 0) {
      return "NOT OK, exit " + f.exitCode();
    }
    if (f.verified().isPresent()) {
      return "equal";
    }
    if (!verify) {
      return "OK, not verified (--no-verify)";
    }
    // A merged fleet's file is compared with its tenant's rows after the fleet's last file.
    return r.keys().isPresent() && r.tenants().isEmpty() ? "OK, not verified yet" : "OK, verified";
  }

  /** Up to this many differing tenant tables are listed, one line each. */
  private static final int TENANT_LINES = 20;

  private static void tenants(PrintWriter out, FleetResult.Tenants t) {
    out.printf(
        Locale.ROOT,
        "Verify: %,d tenants, %,d rows, each tenant's tables compared with its file (row count and"
            + " fingerprint): %s%n",
        t.tenants(),
        t.rows(),
        t.differences().isEmpty()
            ? "all equal"
            : t.differences().size()
                + (t.differences().size() == 1 ? " tenant table differs" : " tenant tables differ")
                + ", NOT OK");
    t.differences().stream()
        .limit(TENANT_LINES)
        .forEach(d -> out.printf(Locale.ROOT, "  %-24s %s: %s%n", d.tenant(), d.table(), d.what()));
    if (t.differences().size() > TENANT_LINES) {
      out.printf(
          Locale.ROOT,
          "  and %d more (all in the JSON report)%n",
          t.differences().size() - TENANT_LINES);
    }
    if (!t.unverified().isEmpty()) {
      out.printf(
          Locale.ROOT,
          "  not verified: %d tenants whose files were loaded with --no-verify (%s%s)%n",
          t.unverified().size(),
          String.join(", ", t.unverified().stream().limit(5).toList()),
          t.unverified().size() > 5 ? ", ..." : "");
    }
  }

  private static void keys(PrintWriter out, FleetResult.Keys k) {
    out.println();
    out.println(
        k.built()
            ? "Keys: primary keys, unique constraints, indexes and foreign keys of the merged"
                + " tables built, each with the tenant column"
            : "Keys: not built by this run: " + k.why());
    for (Warning w : k.warnings()) {
      out.println("  warning: " + w.describe());
    }
    for (NotMigrated n : k.notMigrated()) {
      out.println("  not migrated: " + n.kind() + " " + n.name() + ": " + n.reason());
    }
  }
}
