package dev.sqlite2pg.pg;

import dev.sqlite2pg.plan.TablePlan;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which of the plan's target tables already exist in the target schema. */
public final class Relations {

  /** Tables (plain and partitioned): what can hold rows. */
  public static final String TABLES = "rp";
  /** Anything a CREATE TABLE of the same name would collide with in the listing of tables. */
  public static final String TABLES_AND_VIEWS = "rpvmf";

  private Relations() {}

  /**
   * The target names of {@code tables} that exist in {@code schema} as a relation of one of
   * {@code kinds} (pg_class.relkind letters), in the catalog's order.
   */
  public static Set<String> named(Connection c, String schema, List<TablePlan> tables, String kinds)
      throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?"
        + " AND c.relkind::text = ANY (?) AND c.relname = ANY (?) ORDER BY c.relname")) {
      ps.setString(1, schema);
      ps.setArray(2, c.createArrayOf("text", kinds.chars().mapToObj(k -> String.valueOf((char) k))
          .toArray()));
      Array names = c.createArrayOf("text", tables.stream().map(TablePlan::target).toArray());
      ps.setArray(3, names);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
