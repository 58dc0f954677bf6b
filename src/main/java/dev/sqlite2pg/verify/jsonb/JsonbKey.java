package dev.sqlite2pg.verify.jsonb;

/**
 * An object key in jsonb's order: shorter keys first, counting UTF-8 bytes, then bytewise
 * (lengthCompareJsonbString). The order is not String.compareTo: "é" (2 bytes) sorts after "bb" and
 * before "abc", and "😀" sorts after "\uE000" although its first UTF-16 unit is lower.
 */
record JsonbKey(String text, int utf8Length, String quoted) implements Comparable<JsonbKey> {

  static JsonbKey of(String text) {
    return new JsonbKey(text, utf8Length(text), JsonbStrings.quote(text));
  }

  @Override
  public int compareTo(JsonbKey other) {
    if (utf8Length != other.utf8Length) {
      return Integer.compare(utf8Length, other.utf8Length);
    }
    return compareCodePoints(text, other.text);
  }

  /**
   * UTF-8 byte order is code point order. UTF-16 order differs only where a surrogate meets a unit
   * at or above U+E000, and the surrogate (a code point above U+FFFF) is the larger one. Both
   * strings are well-formed (JsonbStrings.quote checked them), and equal up to index i, so at the
   * first difference both units are high surrogates, both low ones, or neither.
   */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean xs = Character.isSurrogate(x);
        if (xs != Character.isSurrogate(y)) {
          return xs ? 1 : -1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // A surrogate pair is 4 bytes: 2 for each half.
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }
}
