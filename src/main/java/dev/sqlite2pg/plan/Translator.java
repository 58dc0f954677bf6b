package dev.sqlite2pg.plan;

import dev.sqlite2pg.convert.PgType;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Translates SQLite SQL fragments to PostgreSQL, or says why it cannot. */
public interface Translator {

  /** The translated SQL, or the reason it does not translate. */
  record Result(Optional<String> sql, String reason) {
    public static Result ok(String sql) {
      return new Result(Optional.of(sql), "");
    }

    public static Result no(String reason) {
      return new Result(Optional.empty(), reason);
    }
  }

  /** An expression (CHECK, index key, partial-index WHERE); columns named through the callback. */
  Result expression(String sqlite, UnaryOperator<String> quoteColumn);

  /** A column DEFAULT for a column of the given target type. */
  Result defaultValue(String sqlite, PgType type);

  /** A CREATE VIEW statement, names resolved through the callbacks. */
  Result view(String createViewSql, java.util.List<String> viewColumns,
      UnaryOperator<String> quoteTable, UnaryOperator<String> quoteColumn);
}
