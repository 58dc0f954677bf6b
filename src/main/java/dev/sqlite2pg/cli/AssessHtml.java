package dev.sqlite2pg.cli;

import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.CodeFinding;
import dev.sqlite2pg.CostEstimate;
import dev.sqlite2pg.Finding;
import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.TargetCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code assess --format html}: one self-contained page (styles and script inline, nothing fetched)
 * from the template {@code assess.html}; the rows are written here, the script only filters them by
 * level, so the page reads the same without it.
 */
final class AssessHtml {

  private static final String PAGE = "assess.html";

  private AssessHtml() {}

  static String render(Assessment a) {
    return template()
        .replace("{{title}}", esc(a.source().getFileName().toString()))
        .replace("{{summary}}", summary(a))
        .replace("{{objects}}", objects(a))
        .replace("{{code}}", code(a.code()))
        .replace("{{checks}}", checks(a))
        .replace("{{estimate}}", estimate(a.estimate()));
  }

  private static String template() {
    try (InputStream in = AssessHtml.class.getResourceAsStream(PAGE)) {
      if (in == null) {
        throw new IllegalStateException("the page template " + PAGE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String summary(Assessment a) {
    CostEstimate e = a.estimate();
    StringBuilder sb = new StringBuilder("<dl class=\"summary\">\n");
    item(sb, "Database", esc(a.source().toString()));
    item(
        sb,
        "Size",
        esc(
            String.format(
                Locale.ROOT, "%s, %d tables, %,d rows", size(a.bytes()), a.tables(), a.rows())));
    item(
        sb,
        "Migration level",
        "<span id=\"overall\" class=\""
            + css(e.level())
            + "\">"
            + esc(e.level().label())
            + "</span>");
    item(sb, "Findings", "<span id=\"counts\">" + esc(AssessText.counts(a)) + "</span>");
    if (!a.frameworks().isEmpty()) {
      item(sb, "Framework", esc(String.join(", ", a.frameworks())));
    }
    item(sb, "Time", esc(a.time().describe()));
    item(
        sb,
        "Estimate",
        "<span id=\"units\">"
            + AssessText.units(e.units())
            + "</span> units, about "
            + AssessText.units(e.hours())
            + " person-hours");
    if (!a.code().isEmpty()) {
      item(sb, "Code", a.code().size() + " findings");
    }
    return sb.append("</dl>").toString();
  }

  private static void item(StringBuilder sb, String term, String html) {
    sb.append("<dt>").append(esc(term)).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static String objects(Assessment a) {
    StringBuilder sb =
        new StringBuilder(
            "<table id=\"findings\"><thead><tr><th>Level</th><th>Kind</th><th>Object</th>"
                + "<th class=\"num\">Count</th><th>What and why</th></tr></thead><tbody>\n");
    for (Finding f : AssessText.ordered(a)) {
      sb.append("<tr class=\"finding\" data-level=\"")
          .append(AssessJson.code(f.level()))
          .append("\"><td><span class=\"")
          .append(css(f.level()))
          .append("\">")
          .append(esc(f.level().label()))
          .append("</span></td><td>")
          .append(esc(f.kind()))
          .append("</td><td>")
          .append(esc(f.object()))
          .append("<br><span class=\"hazard\">")
          .append(esc(f.hazard()))
          .append("</span></td><td class=\"num\">")
          .append(f.count() > 0 ? String.format(Locale.ROOT, "%,d", f.count()) : "")
          .append("</td><td>")
          .append(esc(f.reason()));
      if (!f.examples().isEmpty()) {
        sb.append("<div class=\"examples\">e.g. ")
            .append(esc(String.join("; ", f.examples())))
            .append("</div>");
      }
      if (!f.sql().isBlank()) {
        sb.append("<pre>").append(esc(f.sql().strip())).append("</pre>");
      }
      sb.append("</td></tr>\n");
    }
    return sb.append("</tbody></table>").toString();
  }

  private static String code(List<CodeFinding> code) {
    if (code.isEmpty()) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder(
            "<section id=\"code\"><h2>Code</h2><table><thead><tr><th>Level</th><th>Where</th>"
                + "<th>Construct</th><th>On PostgreSQL</th><th>Instead</th></tr></thead><tbody>\n");
    for (CodeFinding f : code) {
      sb.append("<tr class=\"finding\" data-level=\"")
          .append(AssessJson.code(f.level()))
          .append("\"><td><span class=\"")
          .append(css(f.level()))
          .append("\">")
          .append(esc(f.level().label()))
          .append("</span></td><td>")
          .append(esc(f.file() + ":" + f.line()))
          .append("</td><td><code>")
          .append(esc(f.construct()))
          .append("</code></td><td>")
          .append(esc(f.postgres()))
          .append("</td><td>")
          .append(esc(f.replacement()))
          .append("</td></tr>\n");
    }
    return sb.append("</tbody></table></section>").toString();
  }

  private static String checks(Assessment a) {
    if (a.target().isEmpty()) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder("<section id=\"checks\"><h2>Checks on ")
            .append(esc(a.target().get()))
            .append(
                " (rolled back)</h2><table><thead><tr><th>Result</th><th>Kind</th>"
                    + "<th>Object</th><th>Statement</th></tr></thead><tbody>\n");
    for (TargetCheck c : a.checks()) {
      sb.append("<tr><td class=\"")
          .append(c.passed() ? "pass\">PASS" : "fail\">FAIL")
          .append("</td><td>")
          .append(esc(c.kind()))
          .append("</td><td>")
          .append(esc(c.object()))
          .append(c.error().map(e -> "<div class=\"fail\">" + esc(e) + "</div>").orElse(""))
          .append("</td><td><pre>")
          .append(esc(c.sql()))
          .append("</pre></td></tr>\n");
    }
    return sb.append("</tbody></table></section>").toString();
  }

  private static String estimate(CostEstimate e) {
    StringBuilder sb = new StringBuilder("<table><thead><tr><th>Kind</th>");
    for (MigrationLevel l : MigrationLevel.values()) {
      sb.append("<th class=\"num\">").append(esc(l.label())).append("</th>");
    }
    sb.append("<th class=\"num\">Units</th></tr></thead><tbody>\n");
    for (CostEstimate.Kind k : e.kinds()) {
      sb.append("<tr><td>").append(esc(k.kind())).append("</td>");
      for (MigrationLevel l : MigrationLevel.values()) {
        sb.append("<td class=\"num\">").append(k.count(l)).append("</td>");
      }
      sb.append("<td class=\"num\">").append(AssessText.units(k.units())).append("</td></tr>\n");
    }
    sb.append("<tr><th>Total</th><td colspan=\"4\"></td><th class=\"num\">")
        .append(AssessText.units(e.units()))
        .append("</th></tr></tbody></table>\n<p>About ")
        .append(AssessText.units(e.hours()))
        .append(" person-hours. Rule: ")
        .append(esc(CostEstimate.RULE))
        .append(".</p>");
    return sb.toString();
  }

  private static String css(MigrationLevel l) {
    return "level level-" + AssessJson.code(l);
  }

  /** "1.0 MB", "244 KB". */
  static String size(long bytes) {
    if (bytes >= 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
    return String.format(Locale.ROOT, "%d KB", (bytes + 1023) / 1024);
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '{' -> sb.append("&#123;"); // never a template placeholder
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
