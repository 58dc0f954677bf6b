package dev.sqlite2pg.assess.code;

import java.util.ArrayList;
import java.util.List;

/**
 * A source file after its lexer: comments blanked out, string literals located. Blanking keeps
 * every offset and newline, so a match in any view names the right line of the file.
 */
final class Lexed {

  private final String original;
  private final char[] text;
  private final List<Literal> literals = new ArrayList<>();

  Lexed(String original) {
    this.original = original;
    this.text = original.toCharArray();
  }

  /** Blanks {@code [start, end)}: a comment, or text outside the program (PHP's HTML). */
  void comment(int start, int end) {
    blank(text, start, Math.min(end, text.length));
  }

  /** Records a string literal. */
  void literal(Literal literal) {
    literals.add(literal);
  }

  /** Widens the last literal (SQL's {@code ''}): same start, a later end. */
  void extendLast(int start, int end, int contentEnd) {
    Literal last = literals.remove(literals.size() - 1);
    literals.add(new Literal(start, end, last.contentStart(), contentEnd, last.escapes(), false));
  }

  /** The file as written. */
  String original() {
    return original;
  }

  /** The program without its comments; string literals kept. */
  String text() {
    return new String(text);
  }

  /** The program without its comments and without the content of its string literals. */
  String bare() {
    char[] bare = text.clone();
    for (Literal literal : literals) {
      blank(bare, literal.contentStart(), literal.contentEnd());
    }
    return new String(bare);
  }

  List<Literal> literals() {
    return literals;
  }

  private static void blank(char[] chars, int start, int end) {
    for (int i = start; i < end; i++) {
      if (chars[i] != '\n') {
        chars[i] = ' ';
      }
    }
  }
}
