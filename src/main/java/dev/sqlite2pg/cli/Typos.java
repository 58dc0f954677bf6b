package dev.sqlite2pg.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The names a mistyped word was probably meant to be: at most two edits away, closest first. */
final class Typos {

  private static final int MOST_EDITS = 2;

  private Typos() {}

  static List<String> closest(String typed, Collection<String> names) {
    String t = typed.toLowerCase(Locale.ROOT);
    int best =
        names.stream().mapToInt(n -> distance(t, n.toLowerCase(Locale.ROOT))).min().orElse(99);
    if (best > MOST_EDITS) {
      return List.of();
    }
    return names.stream()
        .filter(n -> distance(t, n.toLowerCase(Locale.ROOT)) == best)
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  /**
   * Edits between two words, a swap of neighbours counting as one (optimal string alignment):
   * {@code --jbos} is one edit from {@code --jobs}, as a reader would count it.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        d[i][j] = i == 0 || j == 0 ? i + j : step(a, b, d, i, j);
      }
    }
    return d[a.length()][b.length()];
  }

  private static int step(String a, String b, int[][] d, int i, int j) {
    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
    int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
    if (i > 1
        && j > 1
        && a.charAt(i - 1) == b.charAt(j - 2)
        && a.charAt(i - 2) == b.charAt(j - 1)) {
      v = Math.min(v, d[i - 2][j - 2] + 1);
    }
    return v;
  }
}
