package dev.sqlite2pg.sql;

import dev.sqlite2pg.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQLite SQL into tokens the way SQLite's own tokenizer (tokenize.c) does, so that names
 * inside quotes, strings containing parentheses and comments never confuse a parser. Whitespace and
 * comments are dropped; every token keeps its offsets in the source.
 */
public final class SqlTokenizer {

  private final String sql;
  private int pos;

  private SqlTokenizer(String sql) {
    this.sql = sql;
  }

  /**
   * Tokenizes {@code sql}.
   *
   * @throws IllegalArgumentException for an unterminated string, quoted name or block comment,
   *     naming the offset, because a guess there would shift every later token
   */
  public static List<SqlToken> tokenize(String sql) {
    return new SqlTokenizer(sql).all();
  }

  private List<SqlToken> all() {
    List<SqlToken> tokens = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= sql.length()) {
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipSpaceAndComments() {
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (sql.startsWith("--", pos)) {
        int nl = sql.indexOf('\n', pos);
        pos = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", pos)) {
        int close = sql.indexOf("*/", pos + 2);
        // SQLite accepts a block comment left open at the end of input; so do we.
        pos = close < 0 ? sql.length() : close + 2;
      } else {
        return;
      }
    }
  }

  private SqlToken next() {
    int start = pos;
    char c = sql.charAt(pos);
    if ((c == 'x' || c == 'X') && pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
      pos++;
      quoted('\'', start);
      return token(Kind.BLOB, start);
    }
    if (c == '\'') {
      quoted('\'', start);
      return token(Kind.STRING, start);
    }
    if (c == '"' || c == '`') {
      quoted(c, start);
      return token(Kind.QUOTED_IDENTIFIER, start);
    }
    if (c == '[') {
      int close = sql.indexOf(']', pos);
      if (close < 0) {
        throw unterminated("[name]", start);
      }
      pos = close + 1;
      return token(Kind.QUOTED_IDENTIFIER, start);
    }
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
      number();
      return token(Kind.NUMBER, start);
    }
    if (isWordStart(c)) {
      while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
        pos++;
      }
      return token(Kind.WORD, start);
    }
    if (c == '?' || c == ':' || c == '@' || c == '$') {
      pos++;
      while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
        pos++;
      }
      return token(Kind.PARAMETER, start);
    }
    pos += operatorLength();
    return token(Kind.OPERATOR, start);
  }

  private int operatorLength() {
    for (String op : new String[] {"->>", "||", "==", "!=", "<>", "<=", ">=", "<<", ">>", "->"}) {
      if (sql.startsWith(op, pos)) {
        return op.length();
      }
    }
    return 1;
  }

  /** A quoted run where the quote character is escaped by doubling it. */
  private void quoted(char quote, int start) {
    pos++;
    while (true) {
      int close = sql.indexOf(quote, pos);
      if (close < 0) {
        throw unterminated(quote == '\'' ? "string" : "quoted name", start);
      }
      if (close + 1 < sql.length() && sql.charAt(close + 1) == quote) {
        pos = close + 2;
      } else {
        pos = close + 1;
        return;
      }
    }
  }

  private void number() {
    if (sql.startsWith("0x", pos) || sql.startsWith("0X", pos)) {
      pos += 2;
      while (pos < sql.length() && Character.digit(sql.charAt(pos), 16) >= 0) {
        pos++;
      }
      return;
    }
    digits();
    if (pos < sql.length() && sql.charAt(pos) == '.') {
      pos++;
      digits();
    }
    if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
        digits();
      } else {
        pos = mark;
      }
    }
  }

  private void digits() {
    while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c >= 0x80;
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || Character.isDigit(c) || c == '$';
  }

  private SqlToken token(Kind kind, int start) {
    return new SqlToken(kind, sql.substring(start, pos), start, pos);
  }

  private IllegalArgumentException unterminated(String what, int start) {
    return new IllegalArgumentException("Unterminated " + what + " starting at offset " + start);
  }
}
