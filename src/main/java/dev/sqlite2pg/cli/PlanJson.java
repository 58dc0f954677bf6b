package dev.sqlite2pg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.sqlite2pg.ColumnReport;
import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.PlannedTable;
import dev.sqlite2pg.SchemaSection;
import dev.sqlite2pg.Warning;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code plan --format json} and {@code schema --format json}: the plan's facts for programs, with
 * the field names of the JSON report (snake_case). Fields may be added, none renamed or removed.
 */
final class PlanJson {

  private PlanJson() {}

  /** The tables, each column's type with its rule and reason, the warnings, the script. */
  static void plan(PrintWriter out, MigrationPlan plan, boolean dataOnly) {
    write(
        out,
        g -> {
          g.writeStringField("schema", plan.schema());
          g.writeBooleanField("data_only", dataOnly);
          g.writeArrayFieldStart("tables");
          for (PlannedTable t : plan.tables()) {
            table(g, t);
          }
          g.writeEndArray();
          warnings(g, plan.warnings());
          notMigrated(g, plan.notMigrated());
          sections(g, plan, SchemaSection.PRE_DATA, SchemaSection.POST_DATA);
        });
  }

  /** The statements of the section(s) asked for, in order, without their semicolons. */
  static void schema(PrintWriter out, MigrationPlan plan, Section section) {
    write(
        out,
        g -> {
          g.writeStringField("schema", plan.schema());
          g.writeStringField("section", section.toString());
          if (section == Section.ALL) {
            sections(g, plan, SchemaSection.PRE_DATA, SchemaSection.POST_DATA);
          } else {
            sections(g, plan, section.section);
          }
          notMigrated(g, plan.notMigrated());
        });
  }

  private static void table(JsonGenerator g, PlannedTable t) throws IOException {
    g.writeStartObject();
    g.writeStringField("source_table", t.sourceTable());
    g.writeStringField("target_table", t.targetTable());
    g.writeNumberField("source_rows", t.sourceRows());
    g.writeArrayFieldStart("columns");
    for (ColumnReport c : t.columns()) {
      g.writeStartObject();
      g.writeStringField("source_column", c.sourceColumn());
      g.writeStringField("declared_type", c.declaredType());
      g.writeStringField("target_column", c.targetColumn());
      g.writeStringField("target_type", c.targetType());
      g.writeBooleanField("identity", c.identity());
      g.writeStringField("rule", c.rule());
      g.writeStringField("reason", c.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void warnings(JsonGenerator g, List<Warning> warnings) throws IOException {
    g.writeArrayFieldStart("warnings");
    for (Warning w : warnings) {
      g.writeStartObject();
      g.writeStringField("table", w.table().orElse(null));
      g.writeStringField("column", w.column().orElse(null));
      g.writeStringField("message", w.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** {@code "not_migrated": [{"kind", "name", "reason", "sql"}]}, in the plan and the report. */
  static void notMigrated(JsonGenerator g, List<NotMigrated> items) throws IOException {
    g.writeArrayFieldStart("not_migrated");
    for (NotMigrated n : items) {
      g.writeStartObject();
      g.writeStringField("kind", n.kind());
      g.writeStringField("name", n.name());
      g.writeStringField("reason", n.reason());
      g.writeStringField("sql", n.sql());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** {"pre_data": [...], "post_data": [...]}: empty lists with --data-only, which writes no DDL. */
  private static void sections(JsonGenerator g, MigrationPlan plan, SchemaSection... sections)
      throws IOException {
    g.writeObjectFieldStart("statements");
    for (SchemaSection s : sections) {
      g.writeArrayFieldStart(s.name().toLowerCase(java.util.Locale.ROOT));
      for (String sql : plan.statements(s)) {
        g.writeString(sql);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static void write(PrintWriter out, Body body) {
    // One array element a line, so a statement list reads (and diffs) one statement a line.
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter().withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try (JsonGenerator g = new JsonFactory().createGenerator(out).setPrettyPrinter(pretty)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
  }
}
