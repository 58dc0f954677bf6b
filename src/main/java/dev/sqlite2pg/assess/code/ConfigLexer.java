package dev.sqlite2pg.assess.code;

/**
 * Settings and dependency files: YAML ({@code database.yml}), {@code .env}, {@code .properties},
 * TOML, INI, JSON ({@code package.json}), XML ({@code pom.xml}). Only their comments matter here; a
 * commented-out {@code adapter: sqlite3} is not the application's setting.
 */
final class ConfigLexer implements Lexer {

  /** How a format writes comments. */
  enum Comments {
    /** {@code #} at a line's start or after a blank; {@code ;} and {@code !} at a line's start. */
    HASH,
    /** {@code <!-- ... -->}. */
    XML,
    /** None (JSON). */
    NONE
  }

  private final Comments comments;

  ConfigLexer(Comments comments) {
    this.comments = comments;
  }

  @Override
  public Lexed lex(String source) {
    return new Run(source).walk();
  }

  private final class Run extends Cursor {

    Run(String src) {
      super(src);
    }

    @Override
    void step() {
      char c = src.charAt(pos);
      if (comments == Comments.XML && startsWith("<!--")) {
        blockComment("-->", 4);
      } else if (comments == Comments.HASH && isHashComment(c)) {
        lineComment();
      } else if (comments == Comments.HASH && (c == '"' || c == '\'')) {
        int start = pos++;
        quoted(start, String.valueOf(c), c == '"', true);
      } else {
        pos++;
      }
    }

    private boolean isHashComment(char c) {
      if (c == '#') {
        return pos == 0 || Character.isWhitespace(src.charAt(pos - 1));
      }
      return (c == ';' || c == '!') && atLineStart();
    }
  }
}
