package dev.sqlite2pg.framework;

import java.util.List;
import java.util.Optional;

/**
 * A framework's migration-history table: one row per migration applied, identified by {@code ids}
 * (the row's other columns, such as Django's {@code applied} time, are the database's own and
 * differ between two databases that applied the same migrations).
 *
 * @param table the table's name, as the framework creates it
 * @param ids the columns that identify a migration
 * @param applied a condition on the row for the migration to count as applied (Prisma records
 *     failed and rolled-back attempts too), if any
 */
public record History(String table, List<String> ids, Optional<String> applied) {

  static History of(String table, String... ids) {
    return new History(table, List.of(ids), Optional.empty());
  }
}
