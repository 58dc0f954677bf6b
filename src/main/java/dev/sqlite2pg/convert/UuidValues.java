package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;

/** UUIDs stored as text in any form PostgreSQL reads, or as 16 raw bytes. */
final class UuidValues {

  private UuidValues() {}

  /** The 16 bytes of the UUID. */
  static byte[] of(SourceRow row, int col) throws ConversionException {
    int type = row.type(col);
    if (type == SourceRow.BLOB) {
      byte[] b = row.getBytes(col);
      if (b.length == 16) {
        return b;
      }
    } else if (type == SourceRow.TEXT) {
      byte[] parsed = parse(row.getBytes(col));
      if (parsed != null) {
        return parsed;
      }
    }
    throw new ConversionException(
        Describe.value(row, col)
            + " is not a UUID (32 hex digits, hyphens after groups of 4, or a 16-byte blob)");
  }

  /**
   * The text forms PostgreSQL's uuid_in reads (string_to_uuid in uuid.c): 32 hex digits in either
   * case, a hyphen allowed after any group of four (so the standard 8-4-4-4-12 form and Django's
   * char(32) form without hyphens, its UUIDField on SQLite), the whole optionally in braces.
   */
  private static byte[] parse(byte[] t) {
    int p = 0;
    boolean braces = t.length > 0 && t[0] == '{';
    if (braces) {
      p++;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      if (p + 2 > t.length) {
        return null;
      }
      int hi = Character.digit(t[p], 16);
      int lo = Character.digit(t[p + 1], 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
      p += 2;
      if (p < t.length && t[p] == '-' && i % 2 == 1 && i < 15) {
        p++;
      }
    }
    if (braces) {
      if (p >= t.length || t[p] != '}') {
        return null;
      }
      p++;
    }
    return p == t.length ? out : null;
  }

  /** Lower-case 8-4-4-4-12 form. */
  static String format(byte[] b) {
    String hex = Describe.hex(b);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }
}
