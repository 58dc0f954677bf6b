package dev.sqlite2pg.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A second embedded PostgreSQL that asks for passwords over TCP (SCRAM), as real servers do; the
 * shared test server trusts every local login. postgres itself stays trusted for setup.
 */
public final class PasswordServer {

  private PasswordServer() {}

  /** Starts the server and runs {@code setupSql} (e.g. CREATE ROLE ... PASSWORD ...) on it. */
  public static EmbeddedPostgres start(String setupSql) throws IOException, SQLException {
    EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
            .start();
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(setupSql);
    }
    return server;
  }

  private static void writeHba(Path dataDir) {
    try {
      Files.writeString(
          dataDir.resolve("pg_hba.conf"),
          """
          local all all trust
          host all postgres 127.0.0.1/32 trust
          host all postgres ::1/128 trust
          host all all 127.0.0.1/32 scram-sha-256
          host all all ::1/128 scram-sha-256
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
