package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The queries that read one table's part of a reverse batch ({@link ReverseChanges}), written for
 * the columns the table has now in PostgreSQL.
 *
 * @param columns the table's columns in order, each with its type as {@code format_type} writes it
 */
record ReverseSql(ReverseTable table, Map<String, String> columns) {

  /** The table's columns as PostgreSQL has them now. */
  static ReverseSql of(Connection pg, ReverseTable t) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
      ps.setString(1, qualified(t.schema(), t.table()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    for (String k : t.key()) {
      if (!columns.containsKey(k)) {
        throw new MigrationException(
            Code.TARGET,
            qualified(t.schema(), t.table())
                + " has no column "
                + quote(k)
                + " any more, which reverse capture records as its key: install reverse"
                + " capture again (after consuming its pending changes)");
      }
    }
    return new ReverseSql(t, columns);
  }

  /** A table with a key: its touched keys, present ('I', the row) or gone ('D', the key). */
  String keyed() {
    List<String> key = table.key();
    List<String> casts = new ArrayList<>();
    List<String> match = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      casts.add("(c.key->>" + i + ")::" + columns.get(key.get(i)) + " AS k" + (i + 1));
      match.add("t." + quote(key.get(i)) + " = k.k" + (i + 1));
    }
    List<String> deleted = new ArrayList<>();
    for (String c : columns.keySet()) {
      int i = key.indexOf(c);
      deleted.add(i < 0 ? "NULL" : "k.k" + (i + 1));
    }
    return SqlResources.load("pg-reverse-rows")
        .replace("{keys}", String.join(", ", casts))
        .replace("{table}", name())
        .replace("{columns}", list("t"))
        .replace(
            "{tuple}", key.stream().map(c -> "t." + quote(c)).collect(Collectors.joining(", ")))
        .replace(
            "{list}",
            IntStream.rangeClosed(1, key.size())
                .mapToObj(i -> "k" + i)
                .collect(Collectors.joining(", ")))
        .replace("{deleted}", String.join(", ", deleted))
        .replace("{match}", String.join(" AND ", match));
  }

  /** A table without a key: its row images in the order they were written. */
  String images() {
    return SqlResources.load("pg-reverse-images")
        .replace("{columns}", list("r"))
        .replace("{table}", name());
  }

  /** A truncated table: every row it has now. */
  String whole() {
    return "SELECT 'I' AS sqlite2pg_op, " + list("t") + " FROM " + name() + " t";
  }

  private String name() {
    return qualified(table.schema(), table.table());
  }

  private String list(String alias) {
    return columns.keySet().stream()
        .map(c -> alias + "." + quote(c))
        .collect(Collectors.joining(", "));
  }
}
