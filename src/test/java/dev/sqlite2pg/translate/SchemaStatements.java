package dev.sqlite2pg.translate;

import dev.sqlite2pg.catalog.Check;
import dev.sqlite2pg.sqlite.CreateIndexParser;
import dev.sqlite2pg.sqlite.CreateIndexParser.KeyPart;
import dev.sqlite2pg.sqlite.CreateTableParser;
import dev.sqlite2pg.sqlite.ParsedColumn;
import dev.sqlite2pg.sqlite.ParsedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Test helper: the PostgreSQL statements a table's or index's SQLite text calls for (ADD CHECK, SET
 * DEFAULT, CREATE INDEX), built with the parsers and the translator the way the migration will use
 * them. A failed translation stands in for its statement.
 */
final class SchemaStatements {

  private final SqlTranslator translator;
  private final UnaryOperator<String> quote;
  private final Map<String, String> types;
  private int indexes;

  SchemaStatements(
      SqlTranslator translator, UnaryOperator<String> quote, Map<String, String> types) {
    this.translator = translator;
    this.quote = quote;
    this.types = types;
  }

  /** Statements by a label naming what they are for. */
  Map<String, Translation> of(String type, String sql) {
    return type.equals("index") ? index(sql) : table(sql);
  }

  private Map<String, Translation> table(String sql) {
    ParsedTable t = CreateTableParser.parse(sql);
    Map<String, Translation> out = new LinkedHashMap<>();
    String table = quote.apply(t.name());
    List<Check> checks = new ArrayList<>(t.checks());
    for (ParsedColumn c : t.columns()) {
      checks.addAll(c.checks());
      c.defaultSql()
          .ifPresent(
              d -> {
                String type = types.get((t.name() + "." + c.name()).toLowerCase(Locale.ROOT));
                out.put(
                    t.name() + "." + c.name() + " DEFAULT " + d,
                    prefix(
                        "ALTER TABLE "
                            + table
                            + " ALTER COLUMN "
                            + quote.apply(c.name())
                            + " SET DEFAULT ",
                        translator.translateDefault(d, type)));
              });
    }
    java.util.Set<String> columns =
        t.columns().stream().map(ParsedColumn::name).collect(java.util.stream.Collectors.toSet());
    for (Check check : checks) {
      out.put(
          t.name() + " CHECK " + check.expressionSql(),
          prefix(
              "ALTER TABLE " + table + " ADD CHECK (",
              translator.translateExpression(check.expressionSql(), columns, quote),
              ")"));
    }
    return out;
  }

  private Map<String, Translation> index(String sql) {
    CreateIndexParser.ParsedIndex index = CreateIndexParser.parse(sql);
    List<String> keys = new ArrayList<>();
    for (KeyPart part : index.keyParts()) {
      Translation key = translator.translateExpression(part.expressionSql(), quote);
      if (key.sql().isEmpty()) {
        return Map.of(index.name(), key);
      }
      keys.add("(" + key.sql().get() + ")" + (part.descending() ? " DESC" : ""));
    }
    String create =
        "CREATE "
            + (index.unique() ? "UNIQUE " : "")
            + "INDEX "
            + quote.apply("ix" + (++indexes))
            + " ON "
            + quote.apply(index.tableName())
            + " ("
            + String.join(", ", keys)
            + ")";
    if (index.whereSql().isPresent()) {
      return Map.of(
          index.name() + " WHERE " + index.whereSql().get(),
          prefix(
              create + " WHERE ", translator.translateExpression(index.whereSql().get(), quote)));
    }
    return Map.of(index.name(), Translation.ok(create));
  }

  private static Translation prefix(String before, Translation t) {
    return prefix(before, t, "");
  }

  private static Translation prefix(String before, Translation t, String after) {
    return t.sql().map(s -> Translation.ok(before + s + after)).orElse(t);
  }
}
