package dev.sqlite2pg.assess.code;

/**
 * SQLite's SQL, as its tokenizer reads it: {@code --} and {@code /* *}{@code /} comments, {@code
 * '...'} strings with {@code ''} for a quote, and quoted names ({@code "..."}, {@code `...`},
 * {@code [...]}) skipped whole so that a quote or dash inside them starts nothing. Runs on {@code
 * .sql} files and on the SQL found in the application's strings.
 */
final class SqlLexer implements Lexer {

  @Override
  public Lexed lex(String source) {
    return new Run(source).walk();
  }

  private static final class Run extends Cursor {

    Run(String src) {
      super(src);
    }

    @Override
    void step() {
      char c = src.charAt(pos);
      int start = pos;
      if (startsWith("--")) {
        lineComment();
      } else if (startsWith("/*")) {
        blockComment("*/", 2);
      } else if (c == '\'') {
        pos++;
        quoted(start, "'", false);
        skipDoubledQuotes(start);
      } else if (c == '"' || c == '`' || c == '[') {
        int close = src.indexOf(c == '[' ? ']' : c, pos + 1);
        pos = close < 0 ? src.length() : close + 1;
      } else {
        pos++;
      }
    }

    /** {@code 'it''s'} is one string: extend the literal just read over each doubled quote. */
    private void skipDoubledQuotes(int start) {
      while (at(pos) == '\'') {
        pos++;
        int end = endOf("'", false, false);
        pos = Math.min(src.length(), end + 1);
        out.extendLast(start, pos, end);
      }
    }
  }
}
