package dev.sqlite2pg.mapping;

import java.util.function.UnaryOperator;

/** The {@link Translator} the migration uses. */
public final class SqliteToPg implements Translator {

  @Override
  public Result expression(String sqlite, UnaryOperator<String> quoteColumn) {
    return Result.no("expression translation not available");
  }

  @Override
  public Result defaultValue(String sqlite, PgType type) {
    String s = sqlite.trim();
    if (s.matches("-?\\d+(\\.\\d+)?") && type.kind() != PgType.Kind.TEXT) {
      return Result.ok(s);
    }
    return Result.no("default translation not available");
  }

  @Override
  public Result view(String createViewSql, String schema, UnaryOperator<String> quoteTable,
      UnaryOperator<String> quoteColumn) {
    return Result.no("view translation not available");
  }
}
