package dev.sqlite2pg.plan;

import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.sqlite.Affinity;
import dev.sqlite2pg.translate.SqlTranslator;
import dev.sqlite2pg.translate.Translation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@link Translator} the migration uses: {@link SqlTranslator}, told which columns became
 * boolean so that SQLite's {@code active = 1} becomes {@code active = true}.
 */
public final class SqliteToPg implements Translator {

  private final SqlTranslator sql;

  public SqliteToPg(List<TablePlan> tables) {
    Set<String> booleans = new HashSet<>();
    Set<String> texts = new HashSet<>();
    for (TablePlan t : tables) {
      for (ColumnPlan c : t.columns()) {
        if (c.type().kind() == PgType.Kind.BOOLEAN) {
          booleans.add(c.source().name());
        } else if (c.type().kind() == PgType.Kind.TEXT
            && Affinity.of(c.source().declaredType()) == Affinity.TEXT) {
          texts.add(c.source().name());
        }
      }
    }
    // pgcrypto is not assumed: creating an extension needs privileges the target may not give.
    this.sql = new SqlTranslator(booleans, texts, false);
  }

  @Override
  public Translation expression(String sqlite, UnaryOperator<String> quoteColumn) {
    return sql.translateExpression(sqlite, quoteColumn);
  }

  @Override
  public Translation defaultValue(String sqlite, PgType type) {
    return sql.translateDefault(sqlite, type.sql());
  }

  @Override
  public Translation view(
      String createViewSql,
      List<String> viewColumns,
      UnaryOperator<String> quoteTable,
      UnaryOperator<String> quoteColumn) {
    return viewColumns.isEmpty()
        ? sql.translateView(createViewSql, quoteTable, quoteColumn)
        : sql.translateView(createViewSql, viewColumns, quoteTable, quoteColumn);
  }
}
