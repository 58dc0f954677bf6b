package dev.sqlite2pg.assess.code;

import java.util.Set;

/**
 * The C family: {@code //} and {@code /* *}{@code /} comments, quoted strings with backslash
 * escapes, and each dialect's extras. JavaScript and TypeScript: template literals with {@code
 * ${...}} and regular-expression literals (a quote inside {@code /'/} must not open a string). Go:
 * backquoted raw strings. Java, Kotlin, Groovy, Scala: {@code """} text blocks. PHP: {@code #}
 * comments, heredocs and the HTML around {@code <?php ... ?>}.
 */
final class CLikeLexer implements Lexer {

  /** What a dialect adds to the common C rules. */
  enum Dialect {
    JAVASCRIPT,
    GO,
    JVM,
    PHP,
    PLAIN
  }

  private static final Set<String> BEFORE_REGEX =
      Set.of("return", "typeof", "case", "in", "of", "new", "delete", "void", "throw", "else");

  private final Dialect dialect;

  CLikeLexer(Dialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public Lexed lex(String source) {
    Run run = new Run(source);
    run.all();
    return run.out;
  }

  private final class Run extends Cursor {

    Run(String src) {
      super(src);
    }

    void all() {
      if (dialect == Dialect.PHP) {
        html();
      }
      walk();
    }

    @Override
    void step() {
      char c = src.charAt(pos);
      int start = pos;
      if (startsWith("//") || dialect == Dialect.PHP && c == '#' && at(pos + 1) != '[') {
        phpAwareLineComment();
      } else if (startsWith("/*")) {
        blockComment("*/", 2);
      } else if (dialect == Dialect.JVM && startsWith("\"\"\"")) {
        pos += 3;
        quoted(start, "\"\"\"", true);
      } else if (c == '"' || c == '\'') {
        pos++;
        quoted(start, String.valueOf(c), true, dialect != Dialect.PHP);
      } else if (c == '`' && dialect == Dialect.GO) {
        pos++;
        quoted(start, "`", false);
      } else if (c == '`' && dialect == Dialect.JAVASCRIPT) {
        template(start);
      } else if (c == '/' && dialect == Dialect.JAVASCRIPT && regexMayStart()) {
        skipRegex();
      } else if (dialect == Dialect.PHP && startsWith("<<<")) {
        heredoc(start);
      } else if (dialect == Dialect.PHP && startsWith("?>")) {
        pos += 2;
        html();
      } else {
        pos++;
      }
    }

    /** PHP's line comment also ends at {@code ?>}; the others at the newline. */
    private void phpAwareLineComment() {
      int nl = src.indexOf('\n', pos);
      int end = nl < 0 ? src.length() : nl;
      if (dialect == Dialect.PHP) {
        int close = src.indexOf("?>", pos);
        end = close >= 0 && close < end ? close : end;
      }
      out.comment(pos, end);
      pos = end;
    }

    /** PHP's text outside {@code <?php ... ?>}: HTML, never code. */
    private void html() {
      int open = src.indexOf("<?", pos);
      int end = open < 0 ? src.length() : open;
      out.comment(pos, end);
      pos = end;
      if (open >= 0) {
        pos += startsWith("<?php") ? 5 : startsWith("<?=") ? 3 : 2;
      }
    }

    /** A template literal; its {@code ${...}} parts stay in the content, as written. */
    private void template(int start) {
      int i = start + 1;
      while (i < src.length() && src.charAt(i) != '`') {
        if (src.charAt(i) == '\\') {
          i += 2;
        } else if (src.startsWith("${", i)) {
          i = Braces.close(src, i + 1);
        } else {
          i++;
        }
      }
      int end = Math.min(i, src.length());
      pos = Math.min(src.length(), end + 1);
      out.literal(new Literal(start, pos, start + 1, end, true, true));
    }

    private boolean regexMayStart() {
      char next = at(pos + 1);
      if (next == '/' || next == '*') {
        return false;
      }
      int i = pos - 1;
      while (i >= 0 && Character.isWhitespace(src.charAt(i))) {
        i--;
      }
      if (i < 0) {
        return true;
      }
      char prev = src.charAt(i);
      if (Character.isJavaIdentifierPart(prev)) {
        int wordStart = i;
        while (wordStart > 0 && Character.isJavaIdentifierPart(src.charAt(wordStart - 1))) {
          wordStart--;
        }
        return BEFORE_REGEX.contains(src.substring(wordStart, i + 1));
      }
      return ")]}\"'`".indexOf(prev) < 0;
    }

    private void skipRegex() {
      int i = pos + 1;
      boolean inClass = false;
      while (i < src.length() && src.charAt(i) != '\n') {
        char c = src.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '[') {
          inClass = true;
        } else if (c == ']') {
          inClass = false;
        } else if (c == '/' && !inClass) {
          break;
        }
        i++;
      }
      pos = Math.min(src.length(), i + 1);
    }

    /** {@code <<<ID}, {@code <<<"ID"} (both interpolate) or the nowdoc {@code <<<'ID'}. */
    private void heredoc(int start) {
      Heredocs.Opening opening = Heredocs.opening(src, pos + 3, "'\"");
      if (opening == null) {
        pos += 3;
        return;
      }
      int bodyStart = opening.lineEnd() + 1;
      int close = Heredocs.closingLine(src, bodyStart, opening.id());
      pos = Heredocs.afterClosing(src, close, opening.id());
      out.literal(new Literal(start, pos, Math.min(bodyStart, close), close, !opening.raw()));
    }
  }
}
