package dev.sqlite2pg.assess;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.Warning;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.Utf8;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.SqliteValueProbe;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TypeRules;
import dev.sqlite2pg.sqlite.Affinity;
import dev.sqlite2pg.sqlite.ColumnProfile;
import dev.sqlite2pg.sqlite.TableProfiler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stored values hold against what the schema says: values of another storage class than
 * the declared type (the plan then chose another type, and said so), times stored in more than one
 * way, and text PostgreSQL cannot hold (invalid UTF-8, NUL).
 */
final class ValueHazards {

  private final Connection c;
  private final TablePlan t;
  private final boolean utf8;
  private final SqliteValueProbe probe;
  private final Findings out;

  ValueHazards(Connection c, Path file, TablePlan t, boolean utf8, Findings out) {
    this.c = c;
    this.t = t;
    this.utf8 = utf8;
    this.probe = new SqliteValueProbe(c, file, t.source(), utf8);
    this.out = out;
  }

  /**
   * @param planWarnings the plan's warnings about this table's columns, by column name
   */
  void find(Map<String, List<Warning>> planWarnings) throws SQLException {
    Table table = t.source();
    Map<String, ColumnProfile> profiles = TableProfiler.profile(c, table).columns();
    // Text PostgreSQL refuses is its own finding; the plan's bytea for it says nothing more.
    java.util.Set<String> refused = utf8 ? invalidText(profiles) : java.util.Set.of();
    for (ColumnPlan col : t.columns()) {
      ColumnProfile p = profiles.getOrDefault(col.source().name(), ColumnProfile.UNREAD);
      Optional<String> changed =
          planWarnings.getOrDefault(col.source().name(), List.of()).stream()
              .map(Warning::message)
              .filter(m -> m.startsWith("created as "))
              .findFirst();
      if (TypeRules.readsTimes(col.source().declaredType()) && storedWays(p) > 1) {
        mixedTimes(col, p);
      } else if (changed.isPresent() && !refused.contains(col.source().name())) {
        typeChanged(col, p, changed.get());
      }
    }
  }

  private static int storedWays(ColumnProfile p) {
    return (p.integers() > 0 ? 1 : 0) + (p.reals() > 0 ? 1 : 0) + (p.texts() > 0 ? 1 : 0);
  }

  /**
   * ISO text beside Unix seconds beside Julian days (sqlite.org's "Date And Time Datatype" allows
   * all three): no one PostgreSQL type reads them all, so the column stays text or a cast decides.
   */
  private void mixedTimes(ColumnPlan col, ColumnProfile p) {
    List<String> examples = new ArrayList<>();
    for (String cls : List.of("text", "integer", "real")) {
      examples.addAll(probe.examples(col.source(), cls, 1));
    }
    out.add(
        "column",
        name(col),
        "mixed_times",
        MigrationLevel.DECISION,
        "times stored "
            + storedWays(p)
            + " ways ("
            + p.describe()
            + "): created as "
            + col.type().sql()
            + "; choose one form, or --cast "
            + name(col)
            + "=timestamptz after making them one",
        p.nonNull(),
        examples,
        "");
  }

  /** The plan departed from the declared type; how many values made it, with examples. */
  private void typeChanged(ColumnPlan col, ColumnProfile p, String planMessage) {
    long disagree = disagreeing(col.source(), p);
    if (disagree == 0) {
      out.add(
          "column",
          name(col),
          "type_changed",
          MigrationLevel.WARNING,
          planMessage,
          0,
          List.of(),
          "");
      return;
    }
    out.add(
        "column",
        name(col),
        "type_mismatch",
        MigrationLevel.DECISION,
        disagree
            + " values disagree with the declared type "
            + (col.source().declaredType().isBlank() ? "(none)" : col.source().declaredType())
            + ": "
            + withoutExamples(planMessage),
        disagree,
        examples(col.source(), p),
        "");
  }

  /** A value or two of each storage class that disagrees with the declared type. */
  private List<String> examples(Column col, ColumnProfile p) {
    Affinity a = Affinity.of(col.declaredType());
    List<String> out = new ArrayList<>();
    if (p.reals() > 0 && a == Affinity.INTEGER) {
      out.addAll(probe.examples(col, "real", 1));
    }
    if (p.texts() > 0 && a != Affinity.TEXT) {
      out.addAll(probe.examples(col, "text", 1));
    }
    if (p.blobs() > 0) {
      out.addAll(probe.examples(col, "blob", 1));
    }
    if (p.integers() > 0 && a == Affinity.BLOB) {
      out.addAll(probe.examples(col, "integer", 1));
    }
    return out;
  }

  /** The plan's words without its examples, which the finding lists on their own. */
  private static String withoutExamples(String planMessage) {
    int e = planMessage.lastIndexOf(" (e.g. ");
    return e < 0 ? planMessage : planMessage.substring(0, e);
  }

  /** How many values are of a storage class the declared type's affinity would not have made. */
  static long disagreeing(Column col, ColumnProfile p) {
    return switch (Affinity.of(col.declaredType())) {
      case INTEGER -> p.reals() + p.texts() + p.blobs();
      case REAL, NUMERIC -> p.texts() + p.blobs();
      case TEXT -> p.blobs();
      case BLOB ->
          p.nonNull() - Math.max(Math.max(p.integers(), p.reals()), Math.max(p.texts(), p.blobs()));
    };
  }

  /**
   * Text whose bytes PostgreSQL refuses (invalid UTF-8, or a NUL), checked with the copy's own
   * {@link Utf8}: the plan makes such a column bytea, or {@code --cast col=text} refuses the rows.
   */
  private java.util.Set<String> invalidText(Map<String, ColumnProfile> profiles)
      throws SQLException {
    List<ColumnPlan> texts =
        t.columns().stream()
            .filter(
                col -> profiles.getOrDefault(col.source().name(), ColumnProfile.UNREAD).texts() > 0)
            .toList();
    java.util.Set<String> found = new java.util.HashSet<>();
    if (texts.isEmpty()) {
      return found;
    }
    long[] bad = new long[texts.size()];
    List<List<String>> examples = new ArrayList<>();
    texts.forEach(x -> examples.add(new ArrayList<>()));
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(invalidTextQuery(texts))) {
      while (rs.next()) {
        for (int i = 0; i < texts.size(); i++) {
          byte[] b = rs.getBytes(i + 2);
          Optional<String> why = b == null ? Optional.empty() : refused(b);
          if (why.isPresent()) {
            bad[i]++;
            if (examples.get(i).size() < Findings.EXAMPLES) {
              examples.get(i).add(where(rs) + why.get());
            }
          }
        }
      }
    }
    for (int i = 0; i < texts.size(); i++) {
      if (bad[i] > 0) {
        invalid(texts.get(i), bad[i], examples.get(i));
        found.add(texts.get(i).source().name());
      }
    }
    return found;
  }

  private void invalid(ColumnPlan col, long n, List<String> examples) {
    out.add(
        "column",
        name(col),
        "invalid_text",
        MigrationLevel.DECISION,
        n
            + " text values PostgreSQL text cannot hold (invalid UTF-8 or NUL): created as "
            + col.type().sql()
            + (col.type().sql().equals("bytea")
                ? ", which keeps their bytes; --cast " + name(col) + "=text refuses those rows"
                : ", so those rows are refused into the reject files"),
        n,
        examples,
        "");
  }

  private String invalidTextQuery(List<ColumnPlan> texts) {
    StringBuilder sql =
        new StringBuilder(t.source().withoutRowid() ? "SELECT NULL" : "SELECT rowid");
    for (ColumnPlan col : texts) {
      String q = quote(col.source().name());
      sql.append(", CASE WHEN typeof(")
          .append(q)
          .append(") = 'text' THEN CAST(")
          .append(q)
          .append(" AS BLOB) END");
    }
    return sql.append(" FROM ").append(quote(t.source().name())).toString();
  }

  private static Optional<String> refused(byte[] b) {
    try {
      Utf8.requireText(b, "text");
      return Optional.empty();
    } catch (ConversionException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String where(ResultSet rs) throws SQLException {
    long rowid = rs.getLong(1);
    return rs.wasNull() ? "" : "rowid " + rowid + ": ";
  }

  private String name(ColumnPlan col) {
    return t.source().name() + "." + col.source().name();
  }
}
