package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.SchemaSection;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.SqliteToPg;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.Translator;
import dev.sqlite2pg.translate.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DDL of a plan as a SQL file a DBA can review and apply with {@code psql -f}: a pre-data
 * section (schema, tables, defaults) and a post-data section (keys, indexes, constraints, identity
 * values, views), like {@code pg_dump --section}. What does not translate is listed in comments
 * with its SQLite text.
 */
public final class SchemaScript {

  private final Plan plan;
  private final Translator translator;

  public SchemaScript(Plan plan) {
    this.plan = plan;
    this.translator = new SqliteToPg(plan.tables());
  }

  public String render(SchemaSection section) {
    return write(section).sb.toString();
  }

  /**
   * The statements of {@code section} one by one, without their semicolons: {@code schema --format
   * json} lists them, so a tool need not split SQL text (a CHECK's string may hold a ";").
   */
  public List<String> statements(SchemaSection section) {
    return List.copyOf(write(section).statements);
  }

  private Out write(SchemaSection section) {
    Out sb = new Out();
    List<NotMigrated> skipped = new ArrayList<>();
    if (section != SchemaSection.POST_DATA) {
      preData(sb, skipped);
    }
    if (section != SchemaSection.PRE_DATA) {
      postData(sb, skipped);
    }
    if (!skipped.isEmpty()) {
      sb.append("\n-- Not migrated:\n");
      for (NotMigrated n : skipped) {
        sb.append("--   ")
            .append(n.kind())
            .append(' ')
            .append(n.name())
            .append(": ")
            .append(n.reason().replace('\n', ' '))
            .append('\n');
      }
    }
    return sb;
  }

  /** The script as text, and its statements as a list, written together so they cannot differ. */
  private static final class Out {
    final StringBuilder sb = new StringBuilder();
    final List<String> statements = new ArrayList<>();

    Out append(Object text) {
      sb.append(text);
      return this;
    }

    Out append(char c) {
      sb.append(c);
      return this;
    }

    void statement(String sql) {
      statements.add(sql);
      sb.append(sql).append(";\n");
    }
  }

  private void preData(Out sb, List<NotMigrated> skipped) {
    sb.append("-- sqlite2pg schema: pre-data (tables)\n");
    DdlRenderer ddl = new DdlRenderer(plan.schema(), (t, c) -> defaultFor(t, c, skipped));
    sb.statement(ddl.createSchema());
    for (TablePlan t : plan.tables()) {
      sb.append('\n').statement(ddl.createTable(t));
      for (String d : ddl.setDefaults(t)) {
        sb.statement(d);
      }
    }
  }

  private Optional<String> defaultFor(TablePlan t, ColumnPlan c, List<NotMigrated> skipped) {
    if (c.source().defaultSql().isEmpty()) {
      return Optional.empty();
    }
    Translation r = translator.defaultValue(c.source().defaultSql().get(), c.type());
    if (r.sql().isEmpty()) {
      skipped.add(
          new NotMigrated(
              "default",
              t.source().name() + "." + c.source().name(),
              r.reason(),
              "DEFAULT " + c.source().defaultSql().get()));
    }
    return r.sql();
  }

  private void postData(Out sb, List<NotMigrated> skipped) {
    sb.append("\n-- sqlite2pg schema: post-data (keys, indexes, constraints, sequences, views)\n");
    PostDataBuilder builder = new PostDataBuilder(plan.schema(), plan.tables(), translator);
    for (PostDataItem item : builder.build()) {
      sb.statement(item.sql());
    }
    skipped.addAll(builder.notMigrated());
    for (TablePlan t : plan.tables()) {
      for (ColumnPlan c : t.columns()) {
        if (c.identity()) {
          // As migrate does: past the larger of max(id) and SQLite's AUTOINCREMENT mark.
          String table = qualified(plan.schema(), t.target());
          String next =
              "greatest(coalesce(max("
                  + quote(c.target())
                  + "), 0), "
                  + t.source().sequence().orElse(0L)
                  + ")";
          sb.statement(
              "SELECT setval(pg_get_serial_sequence('"
                  + table.replace("'", "''")
                  + "', '"
                  + c.target().replace("'", "''")
                  + "'), greatest("
                  + next
                  + ", 1), "
                  + next
                  + " >= 1) FROM "
                  + table);
        }
      }
    }
    sb.statement("SET search_path TO " + quote(plan.schema()) + ", public");
    for (SchemaObject v : plan.catalog().views()) {
      Translation r = Views.translate(v, plan, translator);
      if (r.sql().isPresent()) {
        sb.statement(r.sql().get());
      } else {
        skipped.add(new NotMigrated("view", v.name(), r.reason(), v.sql()));
      }
    }
  }
}
