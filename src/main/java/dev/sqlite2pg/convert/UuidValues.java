package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;

/** UUIDs stored as canonical text (any case) or as 16 raw bytes. */
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
        Describe.value(row, col) + " is not a UUID (8-4-4-4-12 hex digits, or a 16-byte blob)");
  }

  private static byte[] parse(byte[] t) {
    if (t.length != 36) {
      return null;
    }
    byte[] out = new byte[16];
    int n = 0;
    for (int i = 0; i < 36; i++) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (t[i] != '-') {
          return null;
        }
        continue;
      }
      int v = Character.digit(t[i], 16);
      if (v < 0) {
        return null;
      }
      out[n / 2] |= (byte) ((n % 2 == 0) ? v << 4 : v);
      n++;
    }
    return out;
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
