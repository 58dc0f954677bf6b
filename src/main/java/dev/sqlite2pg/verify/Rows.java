package dev.sqlite2pg.verify;

import java.util.List;

/** Rows read for a close comparison, on either side. */
final class Rows {

  private Rows() {}

  /** A 64-bit mix (splitmix64's finaliser) for stand-in hashes. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Text shown in quotes, so that a lost trailing space or '' versus NULL is visible. */
  static String quoteIfText(dev.sqlite2pg.convert.PgType type, String v, boolean isNull) {
    boolean text =
        type.kind() == dev.sqlite2pg.convert.PgType.Kind.TEXT
            || type.kind() == dev.sqlite2pg.convert.PgType.Kind.JSON
            || type.kind() == dev.sqlite2pg.convert.PgType.Kind.JSONB
            || type.kind() == dev.sqlite2pg.convert.PgType.Kind.BPCHAR
            || type.kind() == dev.sqlite2pg.convert.PgType.Kind.ENUM;
    return text && !isNull ? "'" + v + "'" : v;
  }

  /**
   * @param label how a person names the row ("id=7")
   * @param fields canonical bytes per column, in hex (what is compared)
   * @param display the value per column as a person reads it
   */
  record Row(String label, List<String> fields, List<String> display, long hash1, long hash2) {}
}
