package dev.sqlite2pg.testing;

import dev.sqlite2pg.TargetConnector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A target given by a plain JDBC URL (the test server needs no password). */
public record JdbcTarget(String url) implements TargetConnector {
  @Override
  public Connection open() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public String display() {
    return url;
  }
}
