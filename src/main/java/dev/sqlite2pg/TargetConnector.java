package dev.sqlite2pg;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to the target PostgreSQL; {@link #display()} never shows a password. */
public interface TargetConnector {

  Connection open() throws SQLException;

  /** The target as a URL a person can read, password masked. */
  String display();
}
