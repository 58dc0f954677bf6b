package dev.sqlite2pg.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of keys, [low, high): either end may be open. A key is one value per key column, Long or
 * String, compared the same way on both sides (integers numerically; text bytewise: SQLite's BINARY
 * collation and PostgreSQL's "C").
 */
record KeyRange(List<Object> low, List<Object> high) {

  static final KeyRange ALL = new KeyRange(null, null);

  KeyRange below(List<Object> split) {
    return new KeyRange(low, split);
  }

  KeyRange from(List<Object> split) {
    return new KeyRange(split, high);
  }

  /**
   * The WHERE clause for this range over {@code keyExprs} (already quoted, with collation), empty
   * for the whole table; {@code params} receives the bound values in order.
   */
  String where(List<String> keyExprs, List<Object> params) {
    List<String> parts = new ArrayList<>();
    if (low != null) {
      parts.add(tuple(keyExprs) + " >= " + placeholders(keyExprs.size()));
      params.addAll(low);
    }
    if (high != null) {
      parts.add(tuple(keyExprs) + " < " + placeholders(keyExprs.size()));
      params.addAll(high);
    }
    return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
  }

  private static String tuple(List<String> exprs) {
    return exprs.size() == 1 ? exprs.get(0) : "(" + String.join(", ", exprs) + ")";
  }

  private static String placeholders(int n) {
    return n == 1 ? "?" : "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
  }
}
