package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.nio.charset.StandardCharsets;

/**
 * inet, cidr and macaddr, as their send functions give them. Django's GenericIPAddressField is
 * char(39) text on SQLite and inet on PostgreSQL; Rails has inet and cidr columns.
 *
 * <p>inet_send: family (2 for IPv4, 3 for IPv6, PostgreSQL's PGSQL_AF_INET and PGSQL_AF_INET6), the
 * prefix length, 1 for cidr else 0, the address length, the address. Only the full address forms
 * are read (a dotted quad; IPv6 with "::" and a trailing dotted quad): PostgreSQL's cidr reads
 * "10.1" as 10.1.0.0/16, a class rule no application means today, so such text is refused.
 */
final class NetworkValues {

  private static final byte AF_INET = 2;
  private static final byte AF_INET6 = 3;

  private NetworkValues() {}

  /** The inet_send or cidr_send bytes. */
  static byte[] inet(SourceRow row, int col, boolean cidr) throws ConversionException {
    String what = cidr ? "cidr" : "inet";
    if (row.type(col) != SourceRow.TEXT) {
      throw new ConversionException(Describe.value(row, col) + " is not an " + what + " address");
    }
    String s = new String(row.getBytes(col), StandardCharsets.UTF_8);
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] a = addr.indexOf(':') >= 0 ? ipv6(addr) : ipv4(addr);
    if (a == null) {
      throw new ConversionException(
          Describe.value(row, col)
              + " is not an "
              + what
              + " address (IPv4 a.b.c.d or IPv6, optionally /prefix)");
    }
    int max = a.length * 8;
    int bits = max;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      bits = p.matches("[0-9]{1,3}") ? Integer.parseInt(p) : -1;
      if (bits < 0 || bits > max) {
        throw new ConversionException(
            Describe.value(row, col) + " has a prefix length outside 0 to " + max);
      }
    }
    if (cidr && hasHostBits(a, bits)) {
      throw new ConversionException(
          Describe.value(row, col)
              + " has bits set to the right of the /"
              + bits
              + " mask, which cidr refuses; use inet");
    }
    byte[] out = new byte[4 + a.length];
    out[0] = a.length == 4 ? AF_INET : AF_INET6;
    out[1] = (byte) bits;
    out[2] = (byte) (cidr ? 1 : 0);
    out[3] = (byte) a.length;
    System.arraycopy(a, 0, out, 4, a.length);
    return out;
  }

  private static boolean hasHostBits(byte[] a, int bits) {
    for (int i = 0; i < a.length * 8; i++) {
      if (i >= bits && (a[i / 8] & (0x80 >> (i % 8))) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Four decimal octets 0 to 255, or null. */
  static byte[] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
        return null;
      }
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  /** Eight groups of 1 to 4 hex digits, one "::" for a run of zero groups, a dotted quad last. */
  static byte[] ipv6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String head = gap < 0 ? s : s.substring(0, gap);
    if (gap >= 0 && head.indexOf('.') >= 0) {
      return null; // a dotted quad is only the last part
    }
    String tail = gap < 0 ? "" : s.substring(gap + 2);
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return null;
    }
    int n = h.length + t.length;
    if (gap < 0 ? n != 8 : n > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      out[2 * i] = (byte) (h[i] >> 8);
      out[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int k = 8 - t.length + i;
      out[2 * k] = (byte) (t[i] >> 8);
      out[2 * k + 1] = (byte) t[i];
    }
    return out;
  }

  /** The 16-bit groups of "a:b:c" (a dotted quad last counts two), or null. */
  private static int[] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int last = parts.length - 1;
    byte[] v4 = parts[last].indexOf('.') >= 0 ? ipv4(parts[last]) : null;
    if (parts[last].indexOf('.') >= 0 && v4 == null) {
      return null;
    }
    int[] out = new int[parts.length + (v4 != null ? 1 : 0)];
    for (int i = 0; i < parts.length - (v4 != null ? 1 : 0); i++) {
      if (!parts[i].matches("[0-9A-Fa-f]{1,4}")) {
        return null;
      }
      out[i] = Integer.parseInt(parts[i], 16);
    }
    if (v4 != null) {
      out[last] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
      out[last + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
    }
    return out;
  }

  /**
   * The 6 bytes of a MAC address in the forms PostgreSQL's macaddr_in reads: "08:00:2b:01:02:03",
   * "08-00-2b-01-02-03", "08002b:010203", "08002b-010203", "0800.2b01.0203", "0800-2b01-0203",
   * "08002b010203", in either case.
   */
  static byte[] macaddr(SourceRow row, int col) throws ConversionException {
    if (row.type(col) == SourceRow.TEXT) {
      String s = new String(row.getBytes(col), StandardCharsets.UTF_8);
      String hex = null;
      if (s.matches("\\p{XDigit}{2}([:-])\\p{XDigit}{2}(\\1\\p{XDigit}{2}){4}")
          || s.matches("\\p{XDigit}{6}[:-]\\p{XDigit}{6}")
          || s.matches("\\p{XDigit}{4}([.-])\\p{XDigit}{4}\\1\\p{XDigit}{4}")
          || s.matches("\\p{XDigit}{12}")) {
        hex = s.replaceAll("[:.-]", "");
      }
      if (hex != null) {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
          out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
      }
    }
    throw new ConversionException(
        Describe.value(row, col) + " is not a MAC address (e.g. 08:00:2b:01:02:03)");
  }
}
