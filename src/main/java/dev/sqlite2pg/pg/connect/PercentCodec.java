package dev.sqlite2pg.pg.connect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as libpq reads URIs: only %XX is special; '+' stays a plus sign (unlike HTML
 * form decoding, which pgjdbc uses for jdbc: URLs and which turns '+' into a space).
 */
final class PercentCodec {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {}

  /**
   * Decodes %XX sequences as UTF-8 bytes; anything else is kept as is.
   *
   * @param part what the text is ("the password"), named in the error instead of the text so that a
   *     password never appears in a message
   */
  static String decode(String text, String part) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
        continue;
      }
      int value = i + 2 < text.length() ? hexValue(text.charAt(i + 1), text.charAt(i + 2)) : -1;
      if (value <= 0) {
        // %00 is refused like libpq does: a NUL cannot be part of a C string.
        throw new TargetSyntax.Invalid(
            part
                + " has an invalid percent-encoding"
                + " (write %XX with two hex digits, and not %00)");
      }
      bytes.write(value);
      i += 2;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Encodes everything but RFC 3986 unreserved characters. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  private static int hexValue(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}
