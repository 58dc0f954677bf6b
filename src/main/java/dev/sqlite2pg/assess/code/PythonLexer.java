package dev.sqlite2pg.assess.code;

/**
 * Python: {@code #} comments; strings with prefixes ({@code r}, {@code b}, {@code f}, {@code u} and
 * their pairs), single or triple quoted. A string that stands alone as a statement (a docstring, or
 * a triple-quoted block used as a comment) is a comment: Flask's tutorial documents {@code
 * init_db()} with one ("Clear existing data and create new tables.").
 */
final class PythonLexer implements Lexer {

  @Override
  public Lexed lex(String source) {
    return new Run(source).walk();
  }

  private static final class Run extends Cursor {

    private int depth;

    Run(String src) {
      super(src);
    }

    @Override
    void step() {
      char c = src.charAt(pos);
      if (c == '#') {
        lineComment();
      } else if (c == '\'' || c == '"' || isPrefixOfString()) {
        string();
      } else {
        depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
        pos = Character.isJavaIdentifierPart(c) ? wordEnd() : pos + 1;
      }
    }

    private int wordEnd() {
      int i = pos;
      while (i < src.length() && Character.isJavaIdentifierPart(src.charAt(i))) {
        i++;
      }
      return i;
    }

    private boolean isPrefixOfString() {
      if (pos > 0 && Character.isJavaIdentifierPart(src.charAt(pos - 1))) {
        return false;
      }
      int i = pos;
      while (i < src.length() && i - pos < 2 && "rRbBuUfF".indexOf(src.charAt(i)) >= 0) {
        i++;
      }
      return i > pos && (at(i) == '\'' || at(i) == '"');
    }

    private void string() {
      int start = pos;
      boolean raw = false;
      while (src.charAt(pos) != '\'' && src.charAt(pos) != '"') {
        raw |= src.charAt(pos) == 'r' || src.charAt(pos) == 'R';
        pos++;
      }
      char q = src.charAt(pos);
      String close = startsWith("" + q + q + q) ? "" + q + q + q : String.valueOf(q);
      boolean statement = depth == 0 && atLogicalLineStart(start);
      pos += close.length();
      int contentStart = pos;
      int contentEnd = endOf(close, true, close.length() == 1);
      pos =
          Math.min(
              src.length(), contentEnd + (src.startsWith(close, contentEnd) ? close.length() : 0));
      if (statement && restOfLineIsEmpty()) {
        out.comment(start, pos);
      } else {
        out.literal(new Literal(start, pos, contentStart, contentEnd, !raw));
      }
    }

    /** Whether {@code start} begins a line that does not continue the previous one. */
    private boolean atLogicalLineStart(int start) {
      int i = start - 1;
      while (i >= 0 && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
        i--;
      }
      if (i >= 0 && src.charAt(i) != '\n') {
        return false;
      }
      return i <= 0 || src.charAt(i - 1) != '\\';
    }

    private boolean restOfLineIsEmpty() {
      int i = pos;
      while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
        i++;
      }
      return i >= src.length() || "\n#;\r".indexOf(src.charAt(i)) >= 0;
    }
  }
}
