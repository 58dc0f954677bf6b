package dev.sqlite2pg.translate;

import dev.sqlite2pg.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code CREATE VIEW} statements, the SELECT going through {@link ExpressionWriter}. */
final class ViewTranslator {

  private ViewTranslator() {}

  /**
   * @param columnNames the view's column names as SQLite reports them (PRAGMA table_info on the
   *     view), or empty to let PostgreSQL name the columns. PostgreSQL names an unaliased
   *     expression differently ({@code upper(content)} becomes "upper"), so passing them keeps the
   *     view's columns as SQLite had them.
   */
  static String translate(
      String createViewSql, List<String> columnNames, ExpressionWriter.Settings settings) {
    ExpressionWriter w = new ExpressionWriter(createViewSql, settings);
    int i = 0;
    i = expect(w, i, "CREATE");
    if (word(w, i, "TEMP") || word(w, i, "TEMPORARY")) {
      i++;
    }
    i = expect(w, i, "VIEW");
    if (word(w, i, "IF")) {
      i += 3; // IF NOT EXISTS
    }
    SqlToken name = w.token(i);
    if (name == null || !name.isName()) {
      throw new UntranslatableException("CREATE VIEW without a name");
    }
    i++;
    if (w.isOperator(i, ".")) {
      name = w.token(i + 1); // main.v
      i += 2;
    }
    List<String> declared = new ArrayList<>();
    if (w.isOperator(i, "(")) {
      int close = w.matching(i);
      for (int j = i + 1; j < close; j++) {
        if (w.token(j).isName()) {
          declared.add(w.token(j).value());
        }
      }
      i = close + 1;
    }
    i = expect(w, i, "AS");
    List<String> names = !columnNames.isEmpty() ? columnNames : declared;
    String columns =
        names.isEmpty()
            ? ""
            : names.stream()
                .map(settings.quoteColumn())
                .collect(Collectors.joining(", ", " (", ")"));
    String body = w.writeTop(i, w.tokens().size());
    return "CREATE VIEW " + settings.quoteTable().apply(name.value()) + columns + " AS " + body;
  }

  private static boolean word(ExpressionWriter w, int i, String word) {
    SqlToken t = w.token(i);
    return t != null && t.isWord(word);
  }

  private static int expect(ExpressionWriter w, int i, String word) {
    if (!word(w, i, word)) {
      throw new UntranslatableException("not a CREATE VIEW statement (expected " + word + ")");
    }
    return i + 1;
  }
}
