package dev.sqlite2pg.pg;

import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.translate.TargetServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the target server offers that changes the schema sqlite2pg writes. */
public final class ServerFeatures {

  private ServerFeatures() {}

  /**
   * The major version (IS JSON needs 16; Debian 12's server is 15) and whether ICU collations exist
   * (a nondeterministic, case-insensitive collation needs them; the embedded PostgreSQL 18 and
   * Debian's 15 both have ICU, a server built without it has none).
   */
  public static TargetServer read(TargetConnector target) {
    try (Connection c = target.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('server_version_num')::int / 10000,"
                    + " EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i')")) {
      rs.next();
      return new TargetServer(rs.getInt(1), rs.getBoolean(2));
    } catch (SQLException e) {
      throw TargetErrors.translate("reading the server's version", e, target);
    }
  }
}
