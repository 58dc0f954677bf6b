package dev.sqlite2pg.assess.code;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SQL text taken from a file, with each of its characters' offset in that file. A {@code .sql} file
 * is one whole; in code, it is the content of a string literal, or of several joined by {@code +},
 * PHP's {@code .}, or nothing (Python's {@code "SELECT ..." " FROM ..."}, as Flask's tutorial
 * writes its queries), escapes decoded.
 *
 * @param text the SQL
 * @param offsets for each character of {@code text}, its offset in the file
 * @param before the program text just before the first literal (for {@link SqlShape})
 */
record EmbeddedSql(String text, int[] offsets, String before) {

  /** Between two literals that read as one: blanks, {@code +}, {@code .}, line continuations. */
  private static final Pattern JOIN = Pattern.compile("[\\s+.\\\\]*");

  private static final int CONTEXT = 80;

  /** The whole of a {@code .sql} file. */
  static EmbeddedSql whole(String text) {
    int[] offsets = new int[text.length()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = i;
    }
    return new EmbeddedSql(text, offsets, "");
  }

  /** Every string, or run of joined strings, in {@code lexed}; not yet known to be SQL. */
  static List<EmbeddedSql> strings(Lexed lexed) {
    String bare = lexed.bare();
    List<Literal> literals = new ArrayList<>(lexed.literals());
    literals.sort(Comparator.comparingInt(Literal::contentStart));
    List<EmbeddedSql> found = new ArrayList<>();
    int i = 0;
    while (i < literals.size()) {
      int j = i + 1;
      while (j < literals.size() && joined(bare, literals.get(j - 1), literals.get(j))) {
        j++;
      }
      found.add(decode(lexed.original(), bare, literals.subList(i, j)));
      i = j;
    }
    return found;
  }

  private static boolean joined(String bare, Literal left, Literal right) {
    return left.end() <= right.start()
        && JOIN.matcher(bare.substring(left.end(), right.start())).matches();
  }

  private static EmbeddedSql decode(String src, String bare, List<Literal> run) {
    StringBuilder text = new StringBuilder();
    List<Integer> offsets = new ArrayList<>();
    for (Literal literal : run) {
      int i = literal.contentStart();
      while (i < literal.contentEnd()) {
        char c = src.charAt(i);
        int at = i;
        if (literal.interpolates() && isInterpolation(src, i)) {
          // The code inside ${...} is not SQL (better-sqlite3's benchmark builds "@" + name
          // there): it is left out, and ${} stands for it, so "FROM ${table}" stays a query.
          i = Math.min(Braces.close(src, i + 1), literal.contentEnd());
          for (char stand : new char[] {c, '{', '}'}) {
            text.append(stand);
            offsets.add(at);
          }
          continue;
        }
        if (c == '\\' && literal.escapes() && i + 1 < literal.contentEnd()) {
          c = escaped(src.charAt(++i));
        }
        text.append(c);
        offsets.add(at);
        i++;
      }
    }
    int start = run.get(0).start();
    String before = bare.substring(Math.max(0, start - CONTEXT), start);
    return new EmbeddedSql(
        text.toString(), offsets.stream().mapToInt(Integer::intValue).toArray(), before);
  }

  private static boolean isInterpolation(String src, int i) {
    return (src.charAt(i) == '$' || src.charAt(i) == '#')
        && i + 1 < src.length()
        && src.charAt(i + 1) == '{';
  }

  private static char escaped(char c) {
    return c == 'n' ? '\n' : c == 't' || c == 'r' ? ' ' : c;
  }
}
