package dev.sqlite2pg.assess.code;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Ruby: {@code #} comments, {@code =begin ... =end} blocks, quoted strings ({@code "..."} may span
 * lines and interpolate {@code #{...}}), percent literals ({@code %q(...)}, {@code %Q[...]}, {@code
 * %(...)}) and heredocs ({@code <<~SQL}, {@code <<-SQL}, {@code <<SQL}, quoted forms), whose body
 * starts on the line after the opening, once the rest of that line has been read as code.
 */
final class RubyLexer implements Lexer {

  @Override
  public Lexed lex(String source) {
    return new Run(source).walk();
  }

  private static final class Run extends Cursor {

    private final Deque<Heredocs.Opening> pending = new ArrayDeque<>();
    private final Deque<Integer> pendingStarts = new ArrayDeque<>();

    Run(String src) {
      super(src);
    }

    @Override
    void step() {
      char c = src.charAt(pos);
      int start = pos;
      if (c == '\n' && !pending.isEmpty()) {
        pos++;
        bodies();
      } else if (c == '#') {
        lineComment();
      } else if (c == '=' && startsWith("=begin") && atLineStart()) {
        blockEnd();
      } else if (c == '\'' || c == '`') {
        pos++;
        quoted(start, String.valueOf(c), true);
      } else if (c == '"') {
        pos++;
        interpolated(start, '"');
      } else if (c == '%' && percentLiteral(start)) {
        return;
      } else if (startsWith("<<") && heredoc(start)) {
        return;
      } else {
        pos++;
      }
    }

    private void blockEnd() {
      int end = src.indexOf("\n=end", pos);
      int stop = end < 0 ? src.length() : src.indexOf('\n', end + 1);
      out.comment(pos, stop < 0 ? src.length() : stop);
      pos = stop < 0 ? src.length() : stop;
    }

    /** A string that may hold {@code #{...}}, closed by {@code close}. */
    private void interpolated(int start, char close) {
      int i = pos;
      while (i < src.length() && src.charAt(i) != close) {
        if (src.charAt(i) == '\\') {
          i += 2;
        } else if (src.startsWith("#{", i)) {
          i = Braces.close(src, i + 1);
        } else {
          i++;
        }
      }
      int end = Math.min(i, src.length());
      int contentStart = pos;
      pos = Math.min(src.length(), end + 1);
      out.literal(new Literal(start, pos, contentStart, end, true, close != '\''));
    }

    private boolean percentLiteral(int start) {
      int i = pos + 1;
      if ("qQwWiI".indexOf(at(i)) >= 0) {
        i++;
      }
      char open = at(i);
      String pairs = "([{<";
      if (pairs.indexOf(open) < 0 && (open != '|' && open != '!' && open != '/')
          || !afterOperator()) {
        return false;
      }
      char close = pairs.indexOf(open) >= 0 ? ")]}>".charAt(pairs.indexOf(open)) : open;
      pos = i + 1;
      interpolated(start, close);
      return true;
    }

    /** Whether the previous code character allows a literal here ({@code x %(y)} is modulo). */
    private boolean afterOperator() {
      int i = pos - 1;
      while (i >= 0 && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
        i--;
      }
      return i < 0 || "(,=[{:;\n|&!?+".indexOf(src.charAt(i)) >= 0 || i < pos - 1;
    }

    private boolean heredoc(int start) {
      int i = pos + 2;
      boolean squiggly = at(i) == '~' || at(i) == '-';
      Heredocs.Opening opening = Heredocs.opening(src, squiggly ? i + 1 : i, "'\"`");
      if (opening == null || !squiggly && !Character.isUpperCase(opening.id().charAt(0))) {
        return false;
      }
      pending.add(opening);
      pendingStarts.add(start);
      pos = opening.end();
      return true;
    }

    /** The bodies of the heredocs opened on the line just ended, in order. */
    private void bodies() {
      while (!pending.isEmpty()) {
        Heredocs.Opening opening = pending.poll();
        int start = pendingStarts.poll();
        int close = Heredocs.closingLine(src, pos, opening.id());
        out.literal(new Literal(start, opening.end(), pos, close, !opening.raw(), !opening.raw()));
        pos = Heredocs.afterClosing(src, close, opening.id());
      }
    }
  }
}
