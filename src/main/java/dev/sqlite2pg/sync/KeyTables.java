package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One temporary table per captured table for the keys a batch touched, created once per session and
 * emptied by each commit (ON COMMIT DELETE ROWS). A table created for every batch (as the copy's
 * {@code StagingTable} is) cost a CREATE, an identity sequence and a DROP per table per batch: at
 * 1,000 writes/s, batches of a few changes spent most of their time in the catalog. The columns
 * take the target's key types, so the keys' binary COPY fits them as it fits the table.
 */
final class KeyTables {

  private final Set<Integer> created = new HashSet<>();

  /** The key table of captured table {@code n}, created in this session if it is not yet. */
  String of(Connection pg, int n, String schema, String table, List<String> key)
      throws SQLException {
    String name = "sqlite2pg_keys_" + n;
    if (created.add(n)) {
      try (Statement s = pg.createStatement()) {
        s.execute(
            "CREATE TEMP TABLE IF NOT EXISTS "
                + quote(name)
                + " ON COMMIT DELETE ROWS AS SELECT "
                + key.stream().map(k -> quote(k)).collect(Collectors.joining(", "))
                + " FROM "
                + qualified(schema, table)
                + " WITH NO DATA");
      }
    }
    return qualified("pg_temp", name);
  }

  /** After a rollback: tables created in the rolled-back transaction are gone with it. */
  void forget() {
    created.clear();
  }
}
