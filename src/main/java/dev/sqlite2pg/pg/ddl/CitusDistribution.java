package dev.sqlite2pg.pg.ddl;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sql.PgLiterals;
import java.util.ArrayList;
import java.util.List;

/**
 * A merged fleet on Citus ({@code --distribute-by}): every merged table distributed by the tenant
 * column and co-located with the first, right after CREATE TABLE and before any row (a distributed
 * table's rows then go straight to their shards). Citus needs the distribution column in every
 * primary key, unique constraint and foreign key between distributed tables, and co-location for
 * those foreign keys: {@code TenantColumn} puts the tenant column first in all of them.
 */
public final class CitusDistribution {

  private CitusDistribution() {}

  /** One {@code create_distributed_table} call per table, the first table the co-location group. */
  public static List<String> statements(String schema, List<TablePlan> tables, String column) {
    List<String> out = new ArrayList<>();
    String first = null;
    for (TablePlan t : tables) {
      String name = PgLiterals.string(qualified(schema, t.target()));
      out.add(
          "SELECT create_distributed_table("
              + name
              + ", "
              + PgLiterals.string(column)
              + (first == null ? "" : ", colocate_with => " + first)
              + ")");
      if (first == null) {
        first = name;
      }
    }
    return out;
  }
}
