package dev.sqlite2pg.verify.jsonb;

import java.util.Locale;
import java.util.Random;

/**
 * Random JSON documents that jsonb accepts, spelled in the many ways that mean the same value: any
 * whitespace, escapes in upper or lower hex, "\/" for "/", emoji as raw text or as a surrogate pair
 * escape, numbers with exponents, trailing zeros and negative zero, and keys from a small pool so
 * that duplicates and keys of equal length are common.
 */
final class RandomJson {

  /** Same byte length, different order in UTF-16 and in UTF-8, escapes, the empty key. */
  private static final String[] KEYS = {
    "",
    "a",
    "b",
    "B",
    "ab",
    "ba",
    "aa",
    "é",
    "\\u00e9",
    "€",
    "😀",
    "\\ud83d\\ude00",
    "\uE000",
    "\uFFFF",
    "ü",
    "a\\nb",
    "a\\\"b",
    "\\\\",
    "\\/",
    "\\u001f",
    "abc",
    "é€"
  };

  private final Random r;

  RandomJson(long seed) {
    r = new Random(seed);
  }

  String document() {
    StringBuilder out = new StringBuilder();
    space(out);
    value(out, r.nextInt(6));
    space(out);
    return out.toString();
  }

  private void value(StringBuilder out, int depth) {
    int kind = r.nextInt(depth > 0 ? 9 : 6);
    switch (kind) {
      case 0, 1 -> string(out);
      case 2, 3 -> out.append(number());
      case 4 -> out.append(r.nextBoolean() ? "true" : "false");
      case 5 -> out.append("null");
      case 6, 7 -> object(out, depth - 1);
      default -> array(out, depth - 1);
    }
  }

  private void array(StringBuilder out, int depth) {
    out.append('[');
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      space(out);
      value(out, depth);
      space(out);
      if (i < n - 1) {
        out.append(',');
      }
    }
    space(out);
    out.append(']');
  }

  private void object(StringBuilder out, int depth) {
    out.append('{');
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      space(out);
      if (r.nextInt(4) == 0) {
        string(out);
      } else {
        out.append('"').append(KEYS[r.nextInt(KEYS.length)]).append('"');
      }
      space(out);
      out.append(':');
      space(out);
      value(out, depth);
      space(out);
      if (i < n - 1) {
        out.append(',');
      }
    }
    space(out);
    out.append('}');
  }

  private void space(StringBuilder out) {
    switch (r.nextInt(8)) {
      case 0 -> out.append(' ');
      case 1 -> out.append("\n\t");
      case 2 -> out.append("\r\n  ");
      default -> {}
    }
  }

  void string(StringBuilder out) {
    out.append('"');
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      codePoint(out, randomCodePoint());
    }
    out.append('"');
  }

  private int randomCodePoint() {
    return switch (r.nextInt(10)) {
      case 0 -> 1 + r.nextInt(0x1F); // controls, never U+0000 (jsonb refuses it)
      case 1 -> "\"\\/".charAt(r.nextInt(3));
      case 2 -> 0x7F + r.nextInt(0x100);
      case 3 -> 0xE000 + r.nextInt(0x2000); // above the surrogates, below them in UTF-8 order
      case 4 -> 0x10000 + r.nextInt(0x100000);
      case 5 -> 0x1F600 + r.nextInt(0x50);
      case 6 -> 0x80 + r.nextInt(0xD800 - 0x80); // the rest of the BMP below the surrogates
      default -> 0x20 + r.nextInt(0x5F);
    };
  }

  /** Writes one code point raw or escaped, as JSON allows; controls, " and \ always escaped. */
  void codePoint(StringBuilder out, int c) {
    boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
    if (!mustEscape && r.nextInt(3) != 0) {
      out.appendCodePoint(c);
      return;
    }
    switch (mustEscape ? r.nextInt(2) : 1) {
      case 0 -> out.append(shortEscape(c));
      default -> {
        String hex = r.nextBoolean() ? "\\u%04x" : "\\u%04X";
        for (char unit : Character.toChars(c)) {
          out.append(String.format(Locale.ROOT, hex, (int) unit));
        }
      }
    }
  }

  private static String shortEscape(int c) {
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> String.format(Locale.ROOT, "\\u%04x", c);
    };
  }

  /** A number in JSON's grammar, of any scale numeric holds. */
  String number() {
    StringBuilder out = new StringBuilder();
    if (r.nextInt(3) == 0) {
      out.append('-');
    }
    if (r.nextInt(3) == 0) {
      out.append('0');
    } else {
      out.append((char) ('1' + r.nextInt(9))).append(digits(r.nextInt(r.nextBoolean() ? 4 : 40)));
    }
    if (r.nextBoolean()) {
      out.append('.').append(digits(1 + r.nextInt(r.nextBoolean() ? 3 : 30)));
    }
    if (r.nextBoolean()) {
      out.append(r.nextBoolean() ? 'e' : 'E');
      int sign = r.nextInt(3);
      out.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
      out.append("0".repeat(r.nextInt(10) == 0 ? r.nextInt(4) : 0));
      out.append(
          r.nextInt(20) == 0 ? 1000 + r.nextInt(14000) : r.nextInt(r.nextBoolean() ? 10 : 80));
    }
    return out.toString();
  }

  /** Digits with runs of zeros, which is where numeric's scale and weight get interesting. */
  private String digits(int n) {
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      out.append(r.nextInt(3) == 0 ? '0' : (char) ('0' + r.nextInt(10)));
    }
    return out.toString();
  }
}
