package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.TargetConnector;
import java.sql.Connection;

/** Opens connections described by a {@link ConnectionSpec}; failures become one-line errors. */
public record SpecConnector(ConnectionSpec spec) implements TargetConnector {

  @Override
  public Connection open() {
    try {
      return Connections.open(spec);
    } catch (TargetConnectException e) {
      throw new MigrationException(Code.TARGET, e.getMessage(), e);
    }
  }

  @Override
  public String display() {
    return spec.displayUrl();
  }
}
