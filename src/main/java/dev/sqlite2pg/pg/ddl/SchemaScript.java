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
    StringBuilder sb = new StringBuilder();
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
    return sb.toString();
  }

  private void preData(StringBuilder sb, List<NotMigrated> skipped) {
    sb.append("-- sqlite2pg schema: pre-data (tables)\n");
    DdlRenderer ddl = new DdlRenderer(plan.schema(), (t, c) -> defaultFor(t, c, skipped));
    sb.append(ddl.createSchema()).append(";\n");
    for (TablePlan t : plan.tables()) {
      sb.append('\n').append(ddl.createTable(t)).append(";\n");
      for (String d : ddl.setDefaults(t)) {
        sb.append(d).append(";\n");
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

  private void postData(StringBuilder sb, List<NotMigrated> skipped) {
    sb.append("\n-- sqlite2pg schema: post-data (keys, indexes, constraints, sequences, views)\n");
    PostDataBuilder builder = new PostDataBuilder(plan.schema(), plan.tables(), translator);
    for (PostDataItem item : builder.build()) {
      sb.append(item.sql()).append(";\n");
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
          sb.append("SELECT setval(pg_get_serial_sequence('")
              .append(table.replace("'", "''"))
              .append("', '")
              .append(c.target().replace("'", "''"))
              .append("'), greatest(")
              .append(next)
              .append(", 1), ")
              .append(next)
              .append(" >= 1) FROM ")
              .append(table)
              .append(";\n");
        }
      }
    }
    sb.append("SET search_path TO ").append(quote(plan.schema())).append(", public;\n");
    for (SchemaObject v : plan.catalog().views()) {
      Translation r = Views.translate(v, plan, translator);
      if (r.sql().isPresent()) {
        sb.append(r.sql().get()).append(";\n");
      } else {
        skipped.add(new NotMigrated("view", v.name(), r.reason(), v.sql()));
      }
    }
  }
}
