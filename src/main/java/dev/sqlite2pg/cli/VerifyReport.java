package dev.sqlite2pg.cli;

import dev.sqlite2pg.RowDifference;
import dev.sqlite2pg.SyncPosition;
import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.VerifyResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

/** verify's output: one line per table, the differing rows when asked, a verdict. */
final class VerifyReport {

  private VerifyReport() {}

  static String render(VerifyResult r, boolean detailed) {
    StringWriter sw = new StringWriter();
    PrintWriter out = new PrintWriter(sw);
    out.printf(
        Locale.ROOT,
        "%nsqlite2pg verify: %s <-> %s (schema %s)%n%n",
        r.source(),
        r.target(),
        r.schema());
    out.printf(Locale.ROOT, "%-40s %10s %10s  %s%n", "TABLE", "SOURCE", "TARGET", "RESULT");
    for (TableCheck c : r.tables()) {
      out.printf(
          Locale.ROOT,
          "%-40s %10d %10d  %s%n",
          c.sourceTable(),
          c.sourceRows(),
          c.targetRows(),
          c.verdict());
    }
    if (detailed) {
      r.tables().forEach(c -> differences(out, c));
    }
    long different = r.tables().stream().filter(c -> !c.complete()).count();
    r.sync().ifPresent(p -> out.printf(Locale.ROOT, "%n%s%n", position(p)));
    out.printf(
        Locale.ROOT,
        "%n%s (%.2f s)%n",
        different == 0
            ? "EQUAL: every row of " + r.tables().size() + " tables is the same on both sides."
            : "DIFFERENT: "
                + different
                + " of "
                + r.tables().size()
                + " tables differ"
                + (detailed ? "." : "; --detailed shows the rows."),
        r.seconds());
    out.flush();
    return sw.toString();
  }

  /** Under sync: which moment the comparison saw, and whether both sides were at it. */
  static String position(SyncPosition p) {
    return p.same()
        ? "sync: the snapshot holds the changes up to "
            + p.snapshot()
            + ", and PostgreSQL had applied exactly those."
        : "sync: the snapshot holds the changes up to "
            + p.snapshot()
            + ", PostgreSQL had applied up to "
            + p.applied()
            + ": a difference may be a change not applied yet (sqlite2pg sync status).";
  }

  static void differences(PrintWriter out, TableCheck c) {
    if (c.differences().isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%n%s:%n", c.sourceTable());
    for (RowDifference d : c.differences()) {
      out.printf(Locale.ROOT, "  %-7s %s%n", d.kind(), d.key());
      List<String> cols = d.columns();
      for (int i = 0; i < cols.size(); i++) {
        out.printf(
            Locale.ROOT,
            "          %s: sqlite %s | postgresql %s%n",
            cols.get(i),
            show(d.sourceValues().get(i)),
            show(d.targetValues().get(i)));
      }
    }
    long shown = c.differences().size();
    long all = c.missing() + c.extra() + c.changed();
    if (all > shown) {
      out.printf(Locale.ROOT, "  ... and %d more%n", all - shown);
    }
  }

  private static String show(String v) {
    if (v.isEmpty()) {
      return "(no row)";
    }
    return v.length() > 80 ? v.substring(0, 77) + "..." : v;
  }
}
