package dev.sqlite2pg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sqlite2pg.ColumnReport;
import dev.sqlite2pg.FleetResult;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.MigrationResult;
import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.RejectedRow;
import dev.sqlite2pg.RowDifference;
import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.TableReport;
import dev.sqlite2pg.VerifyResult;
import dev.sqlite2pg.Warning;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code --report FILE.json}: the same facts as the printed report, for scripts. Field names are a
 * stable interface; new fields may be added, none renamed or removed. The contract is published as
 * a JSON Schema, {@code docs/report.schema.json} (README, "The JSON report"), and every report says
 * which version of it it follows in {@code format_version}.
 */
final class JsonReport {

  /**
   * The report's format. Raised when a field is renamed or removed, changes its type or meaning, or
   * becomes required; adding an optional field does not raise it (README, "The JSON report").
   */
  static final int FORMAT_VERSION = 1;

  /** UTC to the millisecond, always the same length: 2026-12-07T17:39:50.270Z. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private JsonReport() {}

  /**
   * @param started when the command started: the report's {@code started_at}; {@code finished_at}
   *     is when it is written
   */
  static void write(MigrationResult r, Path file, Instant started) {
    write(file, started, r.source(), r.target(), r.schema(), g -> body(g, r));
  }

  /** A migrate report's fields after source, target and schema. */
  static void body(JsonGenerator g, MigrationResult r) throws IOException {
    g.writeArrayFieldStart("tables");
    for (TableReport t : r.tables()) {
      table(g, t);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("totals");
    g.writeNumberField("tables", r.tables().size());
    g.writeNumberField("source_rows", r.sourceRows());
    g.writeNumberField("copied_rows", r.copiedRows());
    g.writeNumberField("skipped_existing", r.skippedExisting());
    g.writeNumberField("rejected_rows", r.rejectedRows());
    g.writeNumberField("bytes", r.bytes());
    g.writeNumberField("seconds", r.seconds());
    g.writeEndObject();
    steps(g, r.steps());
    g.writeArrayFieldStart("warnings");
    for (Warning wn : r.warnings()) {
      g.writeString(wn.describe());
    }
    g.writeEndArray();
    PlanJson.notMigrated(g, r.notMigrated());
    g.writeStringField("snapshot_at", r.snapshotAt().map(Object::toString).orElse(null));
    g.writeBooleanField("complete", r.complete());
    g.writeNumberField("exit_code", r.exitCode());
  }

  /** verify's result: the same per-table facts as migrate's "verification" field. */
  /** {@code "steps": [{"name": "copy", "seconds": 12.345}, ...]}, in the order they ran. */
  private static void steps(JsonGenerator g, java.util.List<dev.sqlite2pg.StepTime> steps)
      throws IOException {
    g.writeArrayFieldStart("steps");
    for (dev.sqlite2pg.StepTime s : steps) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeNumberField("seconds", Math.round(s.seconds() * 1000) / 1000.0);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void write(VerifyResult r, Path file, Instant started) {
    write(file, started, r.source(), r.target(), r.schema(), g -> body(g, r));
  }

  /** A verify report's fields after source, target and schema. */
  static void body(JsonGenerator g, VerifyResult r) throws IOException {
    g.writeArrayFieldStart("tables");
    for (TableCheck c : r.tables()) {
      check(g, c);
    }
    g.writeEndArray();
    g.writeBooleanField("equal", r.equal());
    g.writeNumberField("seconds", r.seconds());
    g.writeNumberField("exit_code", r.exitCode());
  }

  /**
   * A run over several files: each file's own report under "files", the merged tables' keys, the
   * totals, and the highest exit code.
   */
  static void write(FleetResult r, Path file, Instant started) {
    write(
        file,
        started,
        null,
        r.target(),
        r.schema().orElse(null),
        g -> {
          g.writeStringField("tenant_column", r.tenantColumn().orElse(null));
          g.writeArrayFieldStart("files");
          for (FleetResult.FileOutcome f : r.files()) {
            fleetFile(g, f);
          }
          g.writeEndArray();
          if (r.keys().isPresent()) {
            FleetResult.Keys k = r.keys().get();
            g.writeObjectFieldStart("keys");
            g.writeBooleanField("built", k.built());
            g.writeStringField("why_not", k.built() ? null : k.why());
            g.writeArrayFieldStart("warnings");
            for (Warning w : k.warnings()) {
              g.writeString(w.describe());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("not_migrated");
            for (NotMigrated n : k.notMigrated()) {
              g.writeString(n.kind() + " " + n.name() + ": " + n.reason());
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          if (r.tenants().isPresent()) {
            tenants(g, r.tenants().get());
          }
          g.writeObjectFieldStart("totals");
          g.writeNumberField("files", r.files().size());
          g.writeNumberField("ran", r.count(FleetResult.Status.RAN));
          g.writeNumberField("done_earlier", r.count(FleetResult.Status.DONE_EARLIER));
          g.writeNumberField("failed", r.count(FleetResult.Status.FAILED));
          g.writeNumberField("rows", r.rows());
          g.writeNumberField("seconds", r.seconds());
          g.writeEndObject();
          g.writeNumberField("exit_code", r.exitCode());
        });
  }

  /** A merged fleet's tenants compared after its last file: every difference, each tenant. */
  private static void tenants(JsonGenerator g, FleetResult.Tenants t) throws IOException {
    g.writeObjectFieldStart("tenants");
    g.writeNumberField("compared", t.tenants());
    g.writeNumberField("rows", t.rows());
    g.writeBooleanField("equal", t.differences().isEmpty());
    g.writeArrayFieldStart("differences");
    for (FleetResult.TenantDifference d : t.differences()) {
      g.writeStartObject();
      g.writeStringField("tenant", d.tenant());
      g.writeStringField("table", d.table());
      g.writeNumberField("expected_rows", d.expectedRows());
      g.writeNumberField("target_rows", d.targetRows());
      g.writeStringField("what", d.what());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("unverified");
    for (String u : t.unverified()) {
      g.writeString(u);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void fleetFile(JsonGenerator g, FleetResult.FileOutcome f) throws IOException {
    g.writeStartObject();
    g.writeStringField("file", f.file().toString());
    g.writeStringField("unit", f.unit());
    g.writeStringField("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
    g.writeNumberField("rows", f.rows());
    g.writeNumberField("exit_code", f.exitCode());
    g.writeStringField("error", f.error().orElse(null));
    if (f.migrated().isPresent()) {
      g.writeObjectFieldStart("report");
      body(g, f.migrated().get());
      g.writeEndObject();
    }
    if (f.verified().isPresent()) {
      g.writeObjectFieldStart("report");
      body(g, f.verified().get());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** The rest of a report, after the fields every report starts with. */
  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static void write(
      Path file, Instant started, String source, String target, String schema, Body body) {
    Instant finished = Instant.now();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        JsonGenerator g = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeNumberField("format_version", FORMAT_VERSION);
      g.writeStringField("sqlite2pg_version", Version.number());
      g.writeStringField("started_at", TIME.format(started));
      g.writeStringField("finished_at", TIME.format(finished));
      g.writeStringField("source", source);
      g.writeStringField("target", target);
      g.writeStringField("schema", schema);
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new MigrationException(
          Code.INCOMPLETE, "Could not write the report " + file + ": " + e.getMessage(), e);
    }
  }

  private static void check(JsonGenerator g, TableCheck c) throws IOException {
    g.writeStartObject();
    g.writeStringField("source_table", c.sourceTable());
    g.writeStringField("target_table", c.targetTable());
    // "equal" only when every source row is there: rejected rows are missing rows.
    g.writeBooleanField("equal", c.complete());
    g.writeBooleanField("equal_apart_from_rejected", c.equal());
    g.writeStringField("compared_by", c.comparedBy());
    g.writeNumberField("source_rows", c.sourceRows());
    g.writeNumberField("expected_rows", c.expectedRows());
    g.writeNumberField("target_rows", c.targetRows());
    g.writeNumberField("missing", c.missing());
    g.writeNumberField("extra", c.extra());
    g.writeNumberField("changed", c.changed());
    g.writeStringField("problem", c.problem());
    g.writeNumberField("seconds", c.seconds());
    g.writeArrayFieldStart("differences");
    for (RowDifference d : c.differences()) {
      g.writeStartObject();
      g.writeStringField("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("key", d.key());
      g.writeArrayFieldStart("columns");
      for (int i = 0; i < d.columns().size(); i++) {
        g.writeStartObject();
        g.writeStringField("column", d.columns().get(i));
        g.writeStringField("sqlite", d.sourceValues().get(i));
        g.writeStringField("postgresql", d.targetValues().get(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void table(JsonGenerator g, TableReport t) throws IOException {
    g.writeStartObject();
    g.writeStringField("source_table", t.sourceTable());
    g.writeStringField("target_table", t.targetTable());
    g.writeNumberField("source_rows", t.sourceRows());
    g.writeNumberField("copied_rows", t.copiedRows());
    g.writeNumberField("skipped_existing", t.skippedExisting());
    g.writeNumberField("rejected_rows", t.rejectedRows());
    g.writeNumberField("bytes", t.bytes());
    g.writeNumberField("seconds", t.seconds());
    if (t.error().isPresent()) {
      g.writeStringField("error", t.error().get());
    } else {
      g.writeNullField("error");
    }
    if (t.verification().isPresent()) {
      g.writeFieldName("verification");
      check(g, t.verification().get());
    } else {
      g.writeNullField("verification");
    }
    g.writeArrayFieldStart("warnings");
    for (String w : t.warnings()) {
      g.writeString(w);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("columns");
    for (ColumnReport c : t.columns()) {
      g.writeStartObject();
      g.writeStringField("source_column", c.sourceColumn());
      g.writeStringField("target_column", c.targetColumn());
      g.writeStringField("declared_type", c.declaredType());
      g.writeStringField("target_type", c.targetType());
      g.writeStringField("reason", c.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rejected");
    for (RejectedRow row : t.rejected()) {
      g.writeStartObject();
      row.writeFields(g);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
