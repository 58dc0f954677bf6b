package dev.sqlite2pg.pg;

import dev.sqlite2pg.TargetConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Connections for one file of a merged fleet: each session says which tenant it loads ({@code
 * sqlite2pg.tenant}), and the merged tables' tenant column takes it as its default while the fleet
 * loads. The COPY path then sends exactly the file's own columns, as for any other load; a session
 * that did not set it fails on the first row instead of writing a wrong tenant.
 */
public record TenantConnector(TargetConnector target, TenantScope tenant)
    implements TargetConnector {

  @Override
  public Connection open() throws SQLException {
    Connection c = target.open();
    try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, false)")) {
      ps.setString(1, TenantScope.SETTING);
      ps.setString(2, tenant.value());
      ps.execute();
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  @Override
  public String display() {
    return target.display();
  }
}
