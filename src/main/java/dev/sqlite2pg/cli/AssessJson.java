package dev.sqlite2pg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sqlite2pg.Assessment;
import dev.sqlite2pg.CodeFinding;
import dev.sqlite2pg.CostEstimate;
import dev.sqlite2pg.Finding;
import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.MigrationTime;
import dev.sqlite2pg.TargetCheck;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code assess --format json}: the same facts as the text report, for scripts. Field names are a
 * stable interface (snake_case, as the other reports); new fields may be added, none renamed or
 * removed. Levels are written as their code (automatic, warning, decision, rewrite) and label.
 */
final class AssessJson {

  private AssessJson() {}

  static String render(Assessment a) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("source", a.source().toString());
      g.writeNumberField("bytes", a.bytes());
      g.writeNumberField("tables", a.tables());
      g.writeNumberField("rows", a.rows());
      level(g, "level", a.estimate().level());
      g.writeArrayFieldStart("frameworks");
      for (String f : a.frameworks()) {
        g.writeString(f);
      }
      g.writeEndArray();
      time(g, a.time());
      estimate(g, a.estimate());
      findings(g, a.findings());
      code(g, a.code());
      checks(g, a);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w + "\n";
  }

  static String code(MigrationLevel l) {
    return l.name().toLowerCase(Locale.ROOT);
  }

  private static void level(JsonGenerator g, String field, MigrationLevel l) throws IOException {
    g.writeStringField(field, code(l));
    g.writeStringField(field + "_label", l.label());
  }

  private static void time(JsonGenerator g, MigrationTime t) throws IOException {
    g.writeObjectFieldStart("time");
    g.writeNumberField("estimated_seconds", t.seconds());
    g.writeNumberField("rows", t.rows());
    g.writeNumberField("rows_measured", t.rowsMeasured());
    g.writeNumberField("tables_measured", t.tablesMeasured());
    g.writeNumberField("measured_seconds", t.measuredSeconds());
    g.writeStringField("description", t.describe());
    g.writeEndObject();
  }

  private static void estimate(JsonGenerator g, CostEstimate e) throws IOException {
    g.writeObjectFieldStart("estimate");
    g.writeStringField("rule", CostEstimate.RULE);
    g.writeNumberField("minutes_per_unit", CostEstimate.MINUTES_PER_UNIT);
    g.writeNumberField("units", e.units());
    g.writeNumberField("hours", e.hours());
    g.writeArrayFieldStart("kinds");
    for (CostEstimate.Kind k : e.kinds()) {
      g.writeStartObject();
      g.writeStringField("kind", k.kind());
      for (MigrationLevel l : MigrationLevel.values()) {
        g.writeNumberField(code(l), k.count(l));
      }
      g.writeNumberField("units", k.units());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void findings(JsonGenerator g, List<Finding> findings) throws IOException {
    g.writeArrayFieldStart("findings");
    for (Finding f : findings) {
      g.writeStartObject();
      g.writeStringField("kind", f.kind());
      g.writeStringField("object", f.object());
      g.writeStringField("hazard", f.hazard());
      level(g, "level", f.level());
      g.writeStringField("reason", f.reason());
      g.writeNumberField("count", f.count());
      g.writeArrayFieldStart("examples");
      for (String e : f.examples()) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeStringField("sql", f.sql());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void code(JsonGenerator g, List<CodeFinding> code) throws IOException {
    g.writeArrayFieldStart("code");
    for (CodeFinding f : code) {
      g.writeStartObject();
      g.writeStringField("file", f.file().toString());
      g.writeNumberField("line", f.line());
      g.writeStringField("construct", f.construct());
      g.writeStringField("postgres", f.postgres());
      g.writeStringField("replacement", f.replacement());
      level(g, "level", f.level());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void checks(JsonGenerator g, Assessment a) throws IOException {
    if (a.target().isEmpty()) {
      g.writeNullField("target");
    } else {
      g.writeStringField("target", a.target().get());
    }
    g.writeArrayFieldStart("checks");
    for (TargetCheck c : a.checks()) {
      g.writeStartObject();
      g.writeStringField("kind", c.kind());
      g.writeStringField("object", c.object());
      g.writeStringField("result", c.passed() ? "PASS" : "FAIL");
      g.writeStringField("sql", c.sql());
      if (c.error().isPresent()) {
        g.writeStringField("error", c.error().get());
      } else {
        g.writeNullField("error");
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
