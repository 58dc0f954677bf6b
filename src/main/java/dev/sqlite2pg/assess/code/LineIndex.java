package dev.sqlite2pg.assess.code;

import java.util.Arrays;

/** Offsets to 1-based line numbers, for one file. */
final class LineIndex {

  private final int[] starts;

  LineIndex(String text) {
    int[] found = new int[16];
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = i + 1;
      }
    }
    starts = Arrays.copyOf(found, count);
  }

  int line(int offset) {
    int at = Arrays.binarySearch(starts, offset);
    return at >= 0 ? at + 1 : -at - 1;
  }
}
