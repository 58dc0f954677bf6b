package dev.sqlite2pg;

import java.util.Optional;

/**
 * One translated object tried on the server {@code assess --target} names, in a transaction rolled
 * back afterwards.
 *
 * @param kind table, default or view
 * @param object its SQLite name ("v_sales", "orders.created_at")
 * @param sql the PostgreSQL statement tried
 * @param error the server's message, when it refused the statement
 */
public record TargetCheck(String kind, String object, String sql, Optional<String> error) {

  public boolean passed() {
    return error.isEmpty();
  }
}
