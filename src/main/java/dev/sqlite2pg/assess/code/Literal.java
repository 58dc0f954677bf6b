package dev.sqlite2pg.assess.code;

/**
 * A string literal in a source file: where its token starts and ends (prefix and quotes included),
 * where its content lies, and how to read that content.
 *
 * @param start the token's first character (a prefix such as Python's {@code f} included)
 * @param end one past the token's last character
 * @param contentStart the content's first character
 * @param contentEnd one past the content's last character
 * @param escapes whether a backslash escapes the next character (not in raw strings, heredocs
 *     without interpolation, Go's backquoted strings)
 * @param interpolates whether {@code ${...}} or {@code #{...}} in it is code (JavaScript's
 *     templates, Ruby's double-quoted strings and heredocs)
 */
record Literal(
    int start, int end, int contentStart, int contentEnd, boolean escapes, boolean interpolates) {

  Literal(int start, int end, int contentStart, int contentEnd, boolean escapes) {
    this(start, end, contentStart, contentEnd, escapes, false);
  }
}
