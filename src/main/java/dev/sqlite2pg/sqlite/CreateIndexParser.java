package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code CREATE INDEX} statement for what PRAGMA index_xinfo cannot say: the text of
 * expression key parts (it reports cid -2 for those) and the WHERE of a partial index.
 */
public final class CreateIndexParser {

  /**
   * One key part.
   *
   * @param expressionSql the key as written, without COLLATE and ASC/DESC: a column name ({@code
   *     `level`}) or an expression ({@code JSON_EXTRACT(`data`, '$.auth')})
   * @param column the column name, unquoted, when the key is a plain column
   */
  public record KeyPart(
      String expressionSql,
      Optional<String> column,
      Optional<String> collation,
      boolean descending) {}

  /** A parsed CREATE INDEX. */
  public record ParsedIndex(
      String name,
      String tableName,
      boolean unique,
      List<KeyPart> keyParts,
      Optional<String> whereSql) {}

  private CreateIndexParser() {}

  /**
   * Parses {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON tbl (key, ...) [WHERE expr]}.
   *
   * @throws IllegalArgumentException when the text is not such a statement
   */
  public static ParsedIndex parse(String createIndexSql) {
    TokenCursor in = new TokenCursor(createIndexSql);
    in.expectWord("CREATE");
    boolean unique = in.acceptWord("UNIQUE");
    in.expectWord("INDEX");
    in.acceptWords("IF", "NOT", "EXISTS");
    String name = qualifiedName(in);
    in.expectWord("ON");
    String table = in.expectName();
    in.expectOperator("(");
    List<KeyPart> parts = new ArrayList<>();
    do {
      parts.add(keyPart(in));
    } while (in.acceptOperator(","));
    in.expectOperator(")");
    Optional<String> where = Optional.empty();
    if (in.acceptWord("WHERE")) {
      where = Optional.of(rest(in));
    }
    return new ParsedIndex(name, table, unique, List.copyOf(parts), where);
  }

  private static String qualifiedName(TokenCursor in) {
    String name = in.expectName();
    return in.acceptOperator(".") ? in.expectName() : name;
  }

  private static KeyPart keyPart(TokenCursor in) {
    int start = in.peek().start();
    int end = start;
    int firstIndex = in.index();
    Optional<String> collation = Optional.empty();
    boolean descending = false;
    while (!in.peekOperator(",") && !in.peekOperator(")")) {
      if (in.acceptWord("COLLATE")) {
        collation = Optional.of(in.expectName().toUpperCase(java.util.Locale.ROOT));
      } else if (in.acceptWord("DESC")) {
        descending = true;
      } else if (!in.acceptWord("ASC")) {
        in.skipTerm();
        end = in.peek(-1).end();
      }
    }
    String text = in.sql().substring(start, end);
    boolean singleName = in.index() - firstIndex >= 1 && singleNameSpan(in, firstIndex, end);
    Optional<String> column =
        singleName ? Optional.of(in.peek(firstIndex - in.index()).value()) : Optional.empty();
    return new KeyPart(text, column, collation, descending);
  }

  /** True when the key's text is exactly one name token. */
  private static boolean singleNameSpan(TokenCursor in, int firstIndex, int end) {
    SqlToken first = in.peek(firstIndex - in.index());
    return first.isName() && first.end() == end;
  }

  private static String rest(TokenCursor in) {
    int start = in.peek().start();
    int end = start;
    while (!in.atEnd() && !in.peekOperator(";")) {
      end = in.next().end();
    }
    return in.sql().substring(start, end);
  }
}
