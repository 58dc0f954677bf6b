package dev.sqlite2pg.assess.code;

/**
 * The end of an interpolation inside a string ({@code ${...}} in JavaScript, {@code #{...}} in
 * Ruby): braces counted, quoted strings inside skipped, so that {@code ${a['}']}} ends where the
 * language says.
 */
final class Braces {

  private Braces() {}

  /** One past the brace that closes the one at {@code open}, or the end of {@code src}. */
  static int close(String src, int open) {
    int depth = 0;
    int i = open;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(src, i, c);
      }
      i++;
    }
    return src.length();
  }

  private static int skipQuoted(String src, int open, char quote) {
    int i = open + 1;
    while (i < src.length() && src.charAt(i) != quote && src.charAt(i) != '\n') {
      i += src.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i, src.length() - 1);
  }
}
