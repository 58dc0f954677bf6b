package dev.sqlite2pg.plan;

import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.translate.TargetServer;
import dev.sqlite2pg.translate.Translation;
import java.util.function.UnaryOperator;

/**
 * Translates SQLite SQL fragments to PostgreSQL, knowing the plan (each column's planned type), or
 * says why it cannot.
 */
public interface Translator {

  /**
   * An index key expression or partial-index WHERE of table {@code sourceTable}, whose columns'
   * planned types decide the spelling; columns named through the callback.
   */
  Translation expression(String sourceTable, String sqlite, UnaryOperator<String> quoteColumn);

  /** A CHECK of table {@code sourceTable}: as {@link #expression}, for a CHECK. */
  Translation check(String sourceTable, String sqlite, UnaryOperator<String> quoteColumn);

  /** The server translations are written for. */
  TargetServer server();

  /** A column DEFAULT for a column of the given target type. */
  Translation defaultValue(String sqlite, PgType type);

  /** A CREATE VIEW statement, names resolved through the callbacks. */
  Translation view(
      String createViewSql,
      java.util.List<String> viewColumns,
      UnaryOperator<String> quoteTable,
      UnaryOperator<String> quoteColumn);
}
