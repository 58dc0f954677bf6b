package dev.sqlite2pg.translate;

import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.SqlTokenizer;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a CHECK that only says a column holds JSON: Django's JSONField writes {@code CHECK
 * ((JSON_VALID("metadata") OR "metadata" IS NULL))} (djangoproject.com's docs_document), and plain
 * {@code CHECK (json_valid(c))} is common too.
 */
final class JsonValidCheck {

  private JsonValidCheck() {}

  /** The column such a CHECK tests, or empty when the CHECK says anything more. */
  static Optional<String> column(String checkSql) {
    List<SqlToken> t;
    try {
      t = SqlTokenizer.tokenize(checkSql).stream().toList();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int from = 0;
    int to = t.size();
    while (to - from > 2 && t.get(from).isOperator("(") && t.get(to - 1).isOperator(")")) {
      from++;
      to--;
    }
    boolean call =
        to - from >= 4
            && t.get(from).isWord("json_valid")
            && t.get(from + 1).isOperator("(")
            && t.get(from + 2).isName()
            && t.get(from + 3).isOperator(")");
    if (!call) {
      return Optional.empty();
    }
    String column = t.get(from + 2).value();
    if (to - from == 4) {
      return Optional.of(column);
    }
    boolean orNull =
        to - from == 8
            && t.get(from + 4).isWord("OR")
            && t.get(from + 5).isName()
            && t.get(from + 5).value().equalsIgnoreCase(column)
            && t.get(from + 6).isWord("IS")
            && t.get(from + 7).isWord("NULL");
    return orNull ? Optional.of(column) : Optional.empty();
  }
}
