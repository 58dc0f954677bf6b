package dev.sqlite2pg.assess.code;

/**
 * A position in one source file and the moves every lexer shares: line comments, block comments,
 * quoted strings. Each lexer walks the file once with its own cursor.
 */
abstract class Cursor {

  final String src;
  final Lexed out;
  int pos;

  Cursor(String src) {
    this.src = src;
    this.out = new Lexed(src);
  }

  /** One move of the lexer from {@code pos}: a comment, a string, or code. */
  abstract void step();

  /** The file walked from {@code pos} to its end, one step at a time. */
  final Lexed walk() {
    while (more()) {
      step();
    }
    return out;
  }

  boolean more() {
    return pos < src.length();
  }

  char at(int i) {
    return i < src.length() ? src.charAt(i) : '\0';
  }

  boolean startsWith(String s) {
    return src.startsWith(s, pos);
  }

  /** A comment from {@code pos} to the end of the line (the newline stays). */
  void lineComment() {
    int nl = src.indexOf('\n', pos);
    int end = nl < 0 ? src.length() : nl;
    out.comment(pos, end);
    pos = end;
  }

  /** A comment from {@code pos} to just past {@code close}, or to the end of the file. */
  void blockComment(String close, int openLength) {
    int found = src.indexOf(close, pos + openLength);
    int end = found < 0 ? src.length() : found + close.length();
    out.comment(pos, end);
    pos = end;
  }

  /**
   * A string whose token starts at {@code start}, whose content starts at {@code pos} and ends
   * before {@code close}; moves past the closing quote.
   */
  void quoted(int start, String close, boolean escapes) {
    quoted(start, close, escapes, false);
  }

  /** As {@link #quoted(int, String, boolean)}; a single-line string also ends at a newline. */
  void quoted(int start, String close, boolean escapes, boolean singleLine) {
    int contentStart = pos;
    int contentEnd = endOf(close, escapes, singleLine);
    boolean closed = src.startsWith(close, contentEnd);
    pos = Math.min(src.length(), contentEnd + (closed ? close.length() : 0));
    out.literal(new Literal(start, pos, contentStart, contentEnd, escapes));
  }

  /** Where the content that {@code close} ends stops, from {@code pos}. */
  int endOf(String close, boolean escapes, boolean singleLine) {
    int i = pos;
    while (i < src.length()) {
      if (escapes && src.charAt(i) == '\\') {
        i += 2;
      } else if (src.startsWith(close, i) || singleLine && src.charAt(i) == '\n') {
        return i;
      } else {
        i++;
      }
    }
    return src.length();
  }

  /** Whether {@code pos} starts a line, leading whitespace aside. */
  boolean atLineStart() {
    for (int i = pos - 1; i >= 0; i--) {
      char c = src.charAt(i);
      if (c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }
}
