package dev.sqlite2pg.cli;

import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.CodeFinding;
import dev.sqlite2pg.CostEstimate;
import dev.sqlite2pg.Finding;
import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.TargetCheck;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code assess}'s text report: the summary, then the objects from the most work to the least, the
 * code's findings, the checks on the target, and the estimate with its rule.
 */
final class AssessText {

  /** A rewritten object's SQL is shown up to this many lines. */
  private static final int SQL_LINES = 8;

  private AssessText() {}

  static String render(Assessment a) {
    StringBuilder sb = new StringBuilder();
    summary(sb, a);
    objects(sb, a);
    code(sb, a.code());
    checks(sb, a);
    estimate(sb, a.estimate());
    return sb.toString();
  }

  private static void summary(StringBuilder sb, Assessment a) {
    CostEstimate e = a.estimate();
    line(
        sb,
        "sqlite2pg assess: %s (%s, %d tables, %,d rows)",
        a.source(),
        AssessHtml.size(a.bytes()),
        a.tables(),
        a.rows());
    line(sb, "Migration level: %s", e.level().label());
    line(sb, "Findings: %s", counts(a));
    if (!a.frameworks().isEmpty()) {
      line(sb, "Framework: %s", String.join(", ", a.frameworks()));
    }
    line(sb, "Time: %s", a.time().describe());
    line(
        sb,
        "Estimate: %s units, about %s person-hours (rule below)",
        units(e.units()),
        units(e.hours()));
  }

  /** "2 needs rewriting, 1 needs a decision, 4 automatic, with a warning, 9 automatic". */
  static String counts(Assessment a) {
    StringBuilder sb = new StringBuilder();
    for (MigrationLevel l : descending()) {
      int n = a.at(l).size();
      if (n > 0) {
        sb.append(sb.length() == 0 ? "" : "; ").append(n).append(' ').append(l.label());
      }
    }
    return sb.toString();
  }

  static List<MigrationLevel> descending() {
    return List.of(
        MigrationLevel.REWRITE,
        MigrationLevel.DECISION,
        MigrationLevel.WARNING,
        MigrationLevel.AUTOMATIC);
  }

  /** The findings from the most work to the least, in schema order within a level. */
  static List<Finding> ordered(Assessment a) {
    return a.findings().stream()
        .sorted(Comparator.comparing(Finding::level, Comparator.reverseOrder()))
        .toList();
  }

  private static void objects(StringBuilder sb, Assessment a) {
    line(sb, "%nObjects (%d findings)", a.findings().size());
    for (Finding f : ordered(a)) {
      line(
          sb,
          "  %-24s %-12s %s%s [%s]",
          f.level().label(),
          f.kind(),
          f.object(),
          f.count() > 0 ? String.format(Locale.ROOT, " (%,d)", f.count()) : "",
          f.hazard());
      line(sb, "      %s", f.reason());
      if (!f.examples().isEmpty()) {
        line(sb, "      e.g. %s", String.join("; ", f.examples()));
      }
      if (f.level() == MigrationLevel.REWRITE && !f.sql().isBlank()) {
        sql(sb, f.sql());
      }
    }
  }

  private static void sql(StringBuilder sb, String sql) {
    List<String> lines = sql.strip().lines().toList();
    lines.stream().limit(SQL_LINES).forEach(l -> line(sb, "      | %s", l));
    if (lines.size() > SQL_LINES) {
      line(sb, "      | ... (%d more lines)", lines.size() - SQL_LINES);
    }
  }

  private static void code(StringBuilder sb, List<CodeFinding> code) {
    if (code.isEmpty()) {
      return;
    }
    line(sb, "%nCode (%d findings)", code.size());
    for (CodeFinding f : code) {
      line(sb, "  %s:%d  %s  %s", f.file(), f.line(), f.level().label(), f.construct());
      line(sb, "      PostgreSQL: %s", f.postgres());
      line(sb, "      instead: %s", f.replacement());
    }
  }

  private static void checks(StringBuilder sb, Assessment a) {
    if (a.target().isEmpty()) {
      return;
    }
    long failed = a.checks().stream().filter(c -> !c.passed()).count();
    line(
        sb,
        "%nChecks on %s (rolled back): %d PASS, %d FAIL",
        a.target().get(),
        a.checks().size() - failed,
        failed);
    for (TargetCheck c : a.checks()) {
      line(
          sb,
          "  %s %s %s%s",
          c.passed() ? "PASS" : "FAIL",
          c.kind(),
          c.object(),
          c.error().map(e -> ": " + e).orElse(""));
    }
  }

  private static void estimate(StringBuilder sb, CostEstimate e) {
    line(sb, "%nEstimate (cost units, as ora2pg counts them)");
    line(
        sb,
        "  %-16s %9s %9s %9s %9s %7s",
        "kind",
        "automatic",
        "warning",
        "decision",
        "rewrite",
        "units");
    for (CostEstimate.Kind k : e.kinds()) {
      line(
          sb,
          "  %-16s %9d %9d %9d %9d %7s",
          k.kind(),
          k.count(MigrationLevel.AUTOMATIC),
          k.count(MigrationLevel.WARNING),
          k.count(MigrationLevel.DECISION),
          k.count(MigrationLevel.REWRITE),
          units(k.units()));
    }
    line(
        sb,
        "  %-16s %39s %7s  = about %s person-hours",
        "total",
        "",
        units(e.units()),
        units(e.hours()));
    line(sb, "  Rule: %s.", CostEstimate.RULE);
  }

  static String units(double u) {
    return String.format(Locale.ROOT, "%.1f", u);
  }

  private static void line(StringBuilder sb, String format, Object... args) {
    sb.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
