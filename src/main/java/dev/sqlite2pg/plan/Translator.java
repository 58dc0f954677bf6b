package dev.sqlite2pg.plan;

import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.translate.Translation;
import java.util.function.UnaryOperator;

/**
 * Translates SQLite SQL fragments to PostgreSQL, knowing the plan (which columns became boolean),
 * or says why it cannot.
 */
public interface Translator {

  /** An expression (CHECK, index key, partial-index WHERE); columns named through the callback. */
  Translation expression(String sqlite, UnaryOperator<String> quoteColumn);

  /** A column DEFAULT for a column of the given target type. */
  Translation defaultValue(String sqlite, PgType type);

  /** A CREATE VIEW statement, names resolved through the callbacks. */
  Translation view(
      String createViewSql,
      java.util.List<String> viewColumns,
      UnaryOperator<String> quoteTable,
      UnaryOperator<String> quoteColumn);
}
