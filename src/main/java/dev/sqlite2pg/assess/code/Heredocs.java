package dev.sqlite2pg.assess.code;

/**
 * Here-documents (PHP's {@code <<<SQL}, Ruby's {@code <<~SQL}): the body runs from the line after
 * the opening to the line that holds only the identifier. Ruby applications keep much of their raw
 * SQL there ({@code find_by_sql(<<~SQL)}), so a scanner that skipped them would miss it.
 */
final class Heredocs {

  private Heredocs() {}

  /**
   * The opening's identifier.
   *
   * @param id the identifier that closes the body
   * @param raw whether the body is read as written (quoted with {@code '}: no escapes)
   * @param end one past the opening
   * @param lineEnd the newline that ends the opening's line (the body starts after it)
   */
  record Opening(String id, boolean raw, int end, int lineEnd) {}

  /** The opening at {@code i} (just after {@code <<<}, {@code <<~} or {@code <<-}), or null. */
  static Opening opening(String src, int i, String quotes) {
    char quote = i < src.length() && quotes.indexOf(src.charAt(i)) >= 0 ? src.charAt(i) : 0;
    int idStart = quote == 0 ? i : i + 1;
    int idEnd = idStart;
    while (idEnd < src.length() && isIdentifierPart(src.charAt(idEnd))) {
      idEnd++;
    }
    if (idEnd == idStart
        || !Character.isLetter(src.charAt(idStart)) && src.charAt(idStart) != '_') {
      return null;
    }
    if (quote != 0 && (idEnd >= src.length() || src.charAt(idEnd) != quote)) {
      return null;
    }
    int end = quote == 0 ? idEnd : idEnd + 1;
    int nl = src.indexOf('\n', end);
    return new Opening(
        src.substring(idStart, idEnd), quote == '\'', end, nl < 0 ? src.length() : nl);
  }

  /** The start of the line that closes the body (leading blanks allowed), or the end of src. */
  static int closingLine(String src, int from, String id) {
    int line = from;
    while (line < src.length()) {
      int text = line;
      while (text < src.length() && (src.charAt(text) == ' ' || src.charAt(text) == '\t')) {
        text++;
      }
      if (src.startsWith(id, text) && !isIdentifierPart(charAt(src, text + id.length()))) {
        return line;
      }
      int nl = src.indexOf('\n', line);
      line = nl < 0 ? src.length() : nl + 1;
    }
    return src.length();
  }

  /** One past the closing identifier on the line at {@code close}. */
  static int afterClosing(String src, int close, String id) {
    int at = src.indexOf(id, close);
    return at < 0 ? src.length() : at + id.length();
  }

  private static char charAt(String src, int i) {
    return i < src.length() ? src.charAt(i) : '\0';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
