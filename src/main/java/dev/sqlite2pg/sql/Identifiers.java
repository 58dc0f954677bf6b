package dev.sqlite2pg.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names in PostgreSQL: how a SQLite name becomes a target name, and the one function that puts
 * a name into SQL text.
 *
 * <p>SQLite names are case-insensitive, PostgreSQL folds unquoted names to lower case. Folding
 * "InvoiceLine" to invoiceline keeps an application's unquoted SQL working; a name that is not a
 * plain identifier ("Order Details", "table/with/slashes.csv") keeps its spelling and needs
 * quotes in every query, as it did in SQLite.
 */
public final class Identifiers {

  /** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server. */
  public static final int MAX_BYTES = 63;

  /**
   * PostgreSQL's reserved key words (and those not allowed as column names): a column named
   * like this must be quoted in every query, which SQLite applications often do not do.
   */
  private static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
      "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
      "column", "concurrently", "constraint", "create", "cross", "current_catalog",
      "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
      "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
      "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group",
      "having", "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
      "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural",
      "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps",
      "placing", "primary", "references", "returning", "right", "select", "session_user",
      "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
      "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
      "where", "window", "with");

  private Identifiers() {}

  /** The only way a name enters SQL text: always double-quoted, embedded quotes doubled. */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  public static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /** Whether PostgreSQL needs quotes around this (already target-cased) name in queries. */
  public static boolean needsQuotes(String name) {
    return !isPlain(name) || RESERVED.contains(name);
  }

  public static boolean isReserved(String name) {
    return RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Target names for sibling names (the tables of a schema, the columns of a table), in input
   * order. Folds to lower case where the result is a plain identifier and unique; shortens
   * names over 63 bytes with a hash suffix so that two long names stay distinct.
   */
  public static Map<String, String> targetNames(List<String> names, boolean keepCase) {
    Map<String, Integer> foldedCount = new java.util.HashMap<>();
    for (String n : names) {
      foldedCount.merge(n.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (String n : names) {
      String folded = n.toLowerCase(Locale.ROOT);
      String target = !keepCase && isPlain(folded) && foldedCount.get(folded) == 1 ? folded : n;
      target = shorten(target);
      if (!taken.add(target)) {
        target = shorten(target + "_" + taken.size());
        taken.add(target);
      }
      out.put(n, target);
    }
    return out;
  }

  /** A name as PostgreSQL would accept it unquoted after folding: letters, digits, _ and $. */
  static boolean isPlain(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    if (!(first == '_' || (first >= 'a' && first <= 'z'))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!(ch == '_' || ch == '$' || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Names over 63 bytes: PostgreSQL would truncate them and two columns that share their first
   * 63 bytes would collide (pgloader's collision.db has exactly that). Keeps a prefix that ends
   * on a character boundary and appends '_' and 8 hex digits of the full name's SHA-256.
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
