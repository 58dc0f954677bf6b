package dev.sqlite2pg.plan;

import dev.sqlite2pg.sql.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a SQLite name becomes a PostgreSQL name.
 *
 * <p>SQLite names are case-insensitive, PostgreSQL folds unquoted names to lower case. Folding
 * "InvoiceLine" to invoiceline keeps an application's unquoted SQL working; a name that is not a
 * plain identifier ("Order Details", "table/with/slashes.csv") keeps its spelling and needs quotes
 * in every query, as it did in SQLite.
 */
public final class TargetNames {

  /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
  public static final int MAX_BYTES = 63;

  private TargetNames() {}

  /**
   * Target names for sibling names (the tables of a schema, the columns of a table), in input
   * order. Folds to lower case where the result is a plain identifier and unique; shortens names
   * over 63 bytes with a hash suffix so that two long names stay distinct.
   */
  public static Map<String, String> of(List<String> names, boolean keepCase) {
    Map<String, Integer> foldedCount = new HashMap<>();
    for (String n : names) {
      foldedCount.merge(n.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (String n : names) {
      String folded = n.toLowerCase(Locale.ROOT);
      String target =
          !keepCase && Identifiers.isPlain(folded) && foldedCount.get(folded) == 1 ? folded : n;
      target = shorten(target);
      if (!taken.add(target)) {
        target = shorten(target + "_" + taken.size());
        taken.add(target);
      }
      out.put(n, target);
    }
    return out;
  }

  /**
   * Names over 63 bytes: PostgreSQL would truncate them and two columns that share their first 63
   * bytes would collide (pgloader's collision.db has exactly that). Keeps a prefix that ends on a
   * character boundary and appends '_' and 8 hex digits of the full name's SHA-256.
   */
  public static String shorten(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_BYTES) {
      return name;
    }
    String suffix = "_" + hash8(utf8);
    int budget = MAX_BYTES - suffix.length();
    StringBuilder prefix = new StringBuilder();
    int used = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + bytes > budget) {
        break;
      }
      prefix.appendCodePoint(cp);
      used += bytes;
      i += Character.charCount(cp);
    }
    return prefix + suffix;
  }

  private static String hash8(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return String.format(Locale.ROOT, "%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
