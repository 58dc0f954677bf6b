package dev.sqlite2pg.convert;

/**
 * Checks that bytes are text PostgreSQL will accept: well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF) and no NUL, which PostgreSQL text cannot hold at all. SQLite
 * stores whatever bytes the application handed it, so both do occur in real files.
 */
public final class Utf8 {

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long ONES = 0x0101010101010101L;

  private Utf8() {}

  /** The offset of the first invalid byte or NUL, or -1 when all of {@code b} is acceptable. */
  public static int firstInvalid(byte[] b) {
    return firstInvalid(b, 0, b.length);
  }

  /** As {@link #firstInvalid(byte[])} for {@code len} bytes from {@code off}. */
  public static int firstInvalid(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      // Eight ASCII bytes, none NUL, at a time: most text is ASCII, and this loop was the
      // copy's busiest Java code byte by byte.
      if (end - i >= 8) {
        long w = (long) LONGS.get(b, i);
        if ((w & HIGH_BITS) == 0 && ((w - ONES) & ~w & HIGH_BITS) == 0) {
          i += 8;
          continue;
        }
      }
      int c = b[i];
      if (c > 0) { // ASCII other than NUL: by far the common case, kept first and branch-light
        i++;
        continue;
      }
      if (c == 0) {
        return i;
      }
      int n = sequenceLength(b, i, end);
      if (n < 0) {
        return i;
      }
      i += n;
    }
    return -1;
  }

  /** The length of the multi-byte sequence at {@code i}, or -1 when it is malformed. */
  private static int sequenceLength(byte[] b, int i, int end) {
    int lead = b[i] & 0xFF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      return i + 1 < end && isContinuation(b[i + 1]) ? 2 : -1;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      if (i + 2 >= end || !isContinuation(b[i + 1]) || !isContinuation(b[i + 2])) {
        return -1;
      }
      int second = b[i + 1] & 0xFF;
      if (lead == 0xE0 && second < 0xA0) {
        return -1; // overlong
      }
      if (lead == 0xED && second >= 0xA0) {
        return -1; // UTF-16 surrogate half
      }
      return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      if (i + 3 >= end
          || !isContinuation(b[i + 1])
          || !isContinuation(b[i + 2])
          || !isContinuation(b[i + 3])) {
        return -1;
      }
      int second = b[i + 1] & 0xFF;
      if (lead == 0xF0 && second < 0x90) {
        return -1; // overlong
      }
      if (lead == 0xF4 && second >= 0x90) {
        return -1; // above U+10FFFF
      }
      return 4;
    }
    return -1; // a stray continuation byte, C0/C1 (always overlong) or F5..FF
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /**
   * Throws the reason {@code b} cannot be PostgreSQL text; {@code what} names the value for the
   * message ("text", "blob").
   */
  public static void requireText(byte[] b, String what) throws ConversionException {
    int bad = firstInvalid(b);
    if (bad >= 0) {
      throw new ConversionException(reason(b, bad, what));
    }
  }

  static String reason(byte[] b, int bad, String what) {
    String where =
        b[bad] == 0
            ? " contains a NUL character at byte " + bad
            : " has invalid UTF-8 at byte " + bad;
    return what + " " + Describe.bytesAsText(b) + where + ", which PostgreSQL text cannot hold";
  }
}
