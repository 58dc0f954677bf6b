package dev.sqlite2pg.assess.code;

/**
 * Finds a language family's comments and string literals. Small on purpose: enough to tell code,
 * comment and string apart, not a parser. An unterminated comment or string runs to the end of the
 * file, as compilers report it, rather than failing the scan.
 */
interface Lexer {

  Lexed lex(String source);
}
