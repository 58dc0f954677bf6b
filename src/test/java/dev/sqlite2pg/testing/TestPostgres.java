package dev.sqlite2pg.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (embedded, started on first use), and a fresh database for each
 * caller. No mocks: tests that need PostgreSQL talk to this server.
 */
public final class TestPostgres {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static Path socketDirectory;

  private TestPostgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (Boolean.getBoolean("sqlite2pg.test.fast")) {
      throw new IllegalStateException(
          "this test starts PostgreSQL, which -Pfast leaves out:"
              + " annotate its class with @NeedsServer");
    }
    if (server == null) {
      try {
        // A directory of its own, short enough for a socket path (108 bytes on Linux).
        socketDirectory = Files.createTempDirectory("sqlite2pg-sock");
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("unix_socket_directories", socketDirectory.toString())
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException ignored) {
                      // The JVM is exiting; the temporary cluster goes with it.
                    }
                  }));
    }
    return server;
  }

  /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
  public static String newDatabase(String hint) {
    String name =
        (hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + COUNTER.incrementAndGet())
            .toLowerCase(Locale.ROOT);
    if (name.length() > 60) {
      name = name.substring(name.length() - 60);
    }
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return jdbcUrl(name);
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=postgres";
  }

  /** The database name of a URL from {@link #newDatabase}. */
  public static String databaseOf(String jdbcUrl) {
    return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1, jdbcUrl.indexOf('?'));
  }

  public static int port() {
    return server().getPort();
  }

  /** Where the server's Unix-domain socket lives: {@code DIR/.s.PGSQL.PORT}. */
  public static synchronized Path socketDirectory() {
    server();
    return socketDirectory;
  }

  public static Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }
}
