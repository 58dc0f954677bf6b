package dev.sqlite2pg.verify.jsonb;

import java.util.Locale;

/** Strings the way jsonb stores and prints them (PostgreSQL's escape_json). */
final class JsonbStrings {

  private JsonbStrings() {}

  /**
   * The quoted output form of a decoded string: only {@code " \ \b \f \n \r \t} get short escapes,
   * other controls below 0x20 become {@code \u001f} (lower-case hex), and everything else, "/" and
   * non-ASCII included, is written as itself ("\u00e9" in the input prints é). Refuses what jsonb
   * refuses: U+0000 and unpaired surrogates ("\ud800" alone).
   */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    int run = 0; // start of the characters not yet copied
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        if (Character.isSurrogate(c)) {
          requirePair(s, i);
          i++;
        }
        continue;
      }
      out.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0 -> throw JsonbText.invalid("\\u0000 cannot be stored in jsonb");
        default -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.append(s, run, s.length()).append('"').toString();
  }

  private static void requirePair(String s, int i) {
    if (!Character.isHighSurrogate(s.charAt(i))
        || i + 1 == s.length()
        || !Character.isLowSurrogate(s.charAt(i + 1))) {
      throw JsonbText.invalid("an unpaired surrogate");
    }
  }
}
