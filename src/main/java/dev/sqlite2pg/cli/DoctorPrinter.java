package dev.sqlite2pg.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sqlite2pg.Check;
import dev.sqlite2pg.DoctorReport;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * doctor's output: one line per check ("FAIL connections what was found; fix: what to do"), then
 * the verdict; or the same as JSON, whose field names are a stable interface.
 */
final class DoctorPrinter {

  private DoctorPrinter() {}

  static String text(DoctorReport r, int exit) {
    StringBuilder b = new StringBuilder();
    b.append("doctor: ").append(r.target());
    if (r.embedded()) {
      b.append(" (the embedded server: no TARGET, DATABASE_URL or PGHOST was given)");
    }
    b.append('\n');
    for (Check c : r.checks()) {
      b.append(String.format(Locale.ROOT, "%-4s  %-22s  %s", c.status(), c.name(), c.detail()));
      if (!c.fix().isEmpty()) {
        b.append("; fix: ").append(c.fix());
      }
      b.append('\n');
    }
    b.append(r.ready() ? "READY: " : "NOT READY: ")
        .append(counts(r))
        .append("; exit code ")
        .append(exit)
        .append('\n');
    return b.toString();
  }

  private static String counts(DoctorReport r) {
    StringBuilder b = new StringBuilder();
    for (Check.Status s : Check.Status.values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(r.count(s)).append(' ').append(s);
    }
    return b.toString();
  }

  static String json(DoctorReport r, int exit) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("target", r.target());
      g.writeBooleanField("embedded", r.embedded());
      g.writeNumberField("jobs", r.jobs());
      g.writeArrayFieldStart("checks");
      for (Check c : r.checks()) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("status", c.status().name());
        g.writeStringField("detail", c.detail());
        g.writeStringField("fix", c.fix());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeBooleanField("ready", r.ready());
      g.writeNumberField("exit_code", exit);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w + "\n";
  }
}
