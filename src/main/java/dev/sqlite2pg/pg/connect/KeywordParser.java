package dev.sqlite2pg.pg.connect;

/**
 * Parses libpq key=value connection strings as libpq does: {@code host=db port=5432 dbname='my
 * app'}. Spaces around '=' are allowed; a value in single quotes may hold spaces; a backslash
 * escapes the next character (quoted or not). A repeated key keeps its last value.
 */
final class KeywordParser {

  private KeywordParser() {}

  static TargetSyntax parse(String text) {
    TargetSyntax syntax = TargetSyntax.empty();
    int i = skipSpaces(text, 0);
    while (i < text.length()) {
      int keyStart = i;
      while (i < text.length()
          && text.charAt(i) != '='
          && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      String key = text.substring(keyStart, i);
      i = skipSpaces(text, i);
      if (i >= text.length() || text.charAt(i) != '=' || key.isEmpty()) {
        throw new TargetSyntax.Invalid(
            key.isEmpty()
                ? "'=' without a keyword before it"
                : "missing '=' after \"" + key + "\"");
      }
      i = skipSpaces(text, i + 1);
      StringBuilder value = new StringBuilder();
      i = text.startsWith("'", i) ? quoted(text, i + 1, value) : bare(text, i, value);
      syntax.keywords().put(key, value.toString());
      i = skipSpaces(text, i);
    }
    return syntax;
  }

  private static int quoted(String text, int from, StringBuilder value) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        value.append(text.charAt(i + 1));
        i += 2;
      } else if (c == '\'') {
        return i + 1;
      } else {
        value.append(c);
        i++;
      }
    }
    throw new TargetSyntax.Invalid(
        "a quoted value has no closing quote (write 'value'" + " and escape quotes inside as \\')");
  }

  private static int bare(String text, int from, StringBuilder value) {
    int i = from;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      value.append(c);
      i++;
    }
    return i;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
