package dev.sqlite2pg.sql;

import java.util.List;

/** A read position in a token list, with the look-ahead the SQLite grammar needs. */
public final class TokenCursor {

  private final String sql;
  private final List<SqlToken> tokens;
  private int index;

  public TokenCursor(String sql) {
    this.sql = sql;
    this.tokens = SqlTokenizer.tokenize(sql);
  }

  public String sql() {
    return sql;
  }

  public boolean atEnd() {
    return index >= tokens.size();
  }

  public int index() {
    return index;
  }

  /** The token {@code ahead} places after the current one, or null past the end. */
  public SqlToken peek(int ahead) {
    int i = index + ahead;
    return i < tokens.size() ? tokens.get(i) : null;
  }

  public SqlToken peek() {
    return peek(0);
  }

  public SqlToken next() {
    if (atEnd()) {
      throw new IllegalArgumentException("Unexpected end of SQL: " + sql);
    }
    return tokens.get(index++);
  }

  public boolean peekWord(String word) {
    SqlToken t = peek();
    return t != null && t.isWord(word);
  }

  public boolean peekOperator(String op) {
    SqlToken t = peek();
    return t != null && t.isOperator(op);
  }

  /** Consumes the next token when it is {@code word}. */
  public boolean acceptWord(String word) {
    if (peekWord(word)) {
      index++;
      return true;
    }
    return false;
  }

  /** Consumes the words in order when all of them come next; consumes nothing otherwise. */
  public boolean acceptWords(String... words) {
    for (int i = 0; i < words.length; i++) {
      SqlToken t = peek(i);
      if (t == null || !t.isWord(words[i])) {
        return false;
      }
    }
    index += words.length;
    return true;
  }

  public boolean acceptOperator(String op) {
    if (peekOperator(op)) {
      index++;
      return true;
    }
    return false;
  }

  public void expectWord(String word) {
    if (!acceptWord(word)) {
      throw unexpected(word);
    }
  }

  public void expectOperator(String op) {
    if (!acceptOperator(op)) {
      throw unexpected(op);
    }
  }

  /** Consumes a name (bare or quoted) and returns it unquoted. */
  public String expectName() {
    SqlToken t = peek();
    // SQLite also takes a 'string' where a name is expected: CREATE TABLE 'searchable_fts_data'.
    if (t == null || !(t.isName() || t.kind() == SqlToken.Kind.STRING)) {
      throw unexpected("a name");
    }
    index++;
    return t.value();
  }

  /**
   * Consumes a parenthesised group, the current token being its "(", and returns the source text
   * between the parentheses, trimmed.
   */
  public String parenthesizedText() {
    SqlToken open = next();
    if (!open.isOperator("(")) {
      throw new IllegalArgumentException("Expected ( at offset " + open.start() + " in: " + sql);
    }
    int depth = 1;
    while (true) {
      SqlToken t = next();
      if (t.isOperator("(")) {
        depth++;
      } else if (t.isOperator(")") && --depth == 0) {
        return sql.substring(open.end(), t.start()).trim();
      }
    }
  }

  /** Skips one token, or a whole balanced group when the token is "(". */
  public void skipTerm() {
    if (peekOperator("(")) {
      parenthesizedText();
    } else {
      next();
    }
  }

  public IllegalArgumentException unexpected(String expected) {
    SqlToken t = peek();
    String found = t == null ? "end of input" : "'" + t.text() + "' at offset " + t.start();
    return new IllegalArgumentException(
        "Expected " + expected + " but found " + found + " in: " + sql);
  }
}
