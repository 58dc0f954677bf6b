package dev.sqlite2pg.plan;

import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.sqlite.Affinity;
import dev.sqlite2pg.translate.SqlTranslator;
import dev.sqlite2pg.translate.TargetServer;
import dev.sqlite2pg.translate.Translation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@link Translator} the migration uses: {@link SqlTranslator}, told each column's planned type
 * so that SQLite's {@code active = 1} becomes {@code active = true} and {@code length(n)} of a
 * bigint column {@code length(n::text)}. Expressions of one table are translated with that table's
 * columns; views, which join tables, with every table's (a name planned differently in two tables
 * takes the first table's type).
 */
public final class SqliteToPg implements Translator {

  private final Map<String, SqlTranslator> byTable = new HashMap<>();
  private final SqlTranslator all;
  private final TargetServer server;

  /** For a schema script written without a server: only what every supported version has. */
  public SqliteToPg(List<TablePlan> tables) {
    this(tables, TargetServer.UNKNOWN);
  }

  public SqliteToPg(List<TablePlan> tables, TargetServer server) {
    Map<String, String> allTypes = new HashMap<>();
    Set<String> allTexts = new HashSet<>();
    for (TablePlan t : tables) {
      Map<String, String> types = new HashMap<>();
      Set<String> texts = new HashSet<>();
      for (ColumnPlan c : t.columns()) {
        types.put(c.source().name(), c.type().sql());
        if (c.type().kind() == PgType.Kind.TEXT
            && Affinity.of(c.source().declaredType()) == Affinity.TEXT) {
          texts.add(c.source().name());
        }
      }
      types.forEach(allTypes::putIfAbsent);
      allTexts.addAll(texts);
      // pgcrypto is not assumed: creating an extension needs privileges the target may not give.
      byTable.put(key(t.source().name()), new SqlTranslator(types, texts, false, server));
    }
    this.all = new SqlTranslator(allTypes, allTexts, false, server);
    this.server = server;
  }

  @Override
  public TargetServer server() {
    return server;
  }

  private static String key(String table) {
    return table.toLowerCase(Locale.ROOT);
  }

  private SqlTranslator of(String table) {
    return byTable.getOrDefault(key(table), all);
  }

  @Override
  public Translation expression(
      String sourceTable, String sqlite, UnaryOperator<String> quoteColumn) {
    return of(sourceTable).translateExpression(sqlite, quoteColumn);
  }

  @Override
  public Translation check(String sourceTable, String sqlite, UnaryOperator<String> quoteColumn) {
    return of(sourceTable).translateCheck(sqlite, quoteColumn);
  }

  @Override
  public Translation defaultValue(String sqlite, PgType type) {
    return all.translateDefault(sqlite, type.sql());
  }

  @Override
  public Translation view(
      String createViewSql,
      List<String> viewColumns,
      UnaryOperator<String> quoteTable,
      UnaryOperator<String> quoteColumn) {
    return viewColumns.isEmpty()
        ? all.translateView(createViewSql, quoteTable, quoteColumn)
        : all.translateView(createViewSql, viewColumns, quoteTable, quoteColumn);
  }
}
