package dev.sqlite2pg.framework;

import static dev.sqlite2pg.sql.Identifiers.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Reads the migrations a history table records, on either side, as "app.name" strings. */
public final class Migrations {

  private static final int SHOWN = 5;

  private Migrations() {}

  /**
   * The migrations applied, sorted, and the table's row count.
   *
   * @param table the table's name, quoted as needed by the caller's side ({@code schema.table} on
   *     PostgreSQL)
   * @param ids the identifying columns as that side names them
   */
  public static Applied read(Connection c, String table, List<String> ids, History history)
      throws SQLException {
    String select =
        "SELECT "
            + String.join(", ", ids.stream().map(i -> "CAST(" + quote(i) + " AS TEXT)").toList())
            + " FROM "
            + table
            + history.applied().map(w -> " WHERE " + w).orElse("");
    TreeSet<String> applied = new TreeSet<>();
    long rows = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(select)) {
      while (rs.next()) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= ids.size(); i++) {
          parts.add(String.valueOf(rs.getString(i)));
        }
        applied.add(String.join(".", parts));
        rows++;
      }
    }
    return new Applied(List.copyOf(applied), rows);
  }

  /** What one side has applied. */
  public record Applied(List<String> migrations, long rows) {}

  /** The first few, and how many more, for a one-line message. */
  static String shown(List<String> migrations) {
    List<String> first = migrations.subList(0, Math.min(SHOWN, migrations.size()));
    return String.join(", ", first)
        + (migrations.size() > SHOWN ? " and " + (migrations.size() - SHOWN) + " more" : "");
  }
}
