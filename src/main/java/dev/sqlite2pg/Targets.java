package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.pg.connect.ConnectionSpec;
import dev.sqlite2pg.pg.connect.EmbeddedServer;
import dev.sqlite2pg.pg.connect.ServiceFileException;
import dev.sqlite2pg.pg.connect.SpecConnector;
import dev.sqlite2pg.pg.connect.TargetConnectException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the data goes, for {@link Migrator.Builder#target}: a PostgreSQL server named as psql would
 * take it, or an embedded server this process starts. The only way in to the connection classes,
 * for library users and the CLI alike.
 *
 * <pre>{@code
 * Migrator.configure().source(Path.of("app.db"))
 *     .target(Targets.of("postgresql://app@db.example.com/app"))
 * }</pre>
 */
public final class Targets {

  private Targets() {}

  /**
   * A server named by a libpq URI ({@code postgresql://user@host:5432/db?sslmode=require}), a
   * keyword/value string ({@code host=db dbname=app}, {@code service=app}, {@code
   * host=/var/run/postgresql}) or a {@code jdbc:postgresql:} URL; what it leaves out comes from its
   * service (pg_service.conf), the PG* variables and ~/.pgpass, as for psql.
   *
   * @throws MigrationException BAD_ARGUMENTS when the text is malformed, TARGET when the service it
   *     names is defined nowhere (one line, never the password)
   */
  public static TargetConnector of(String target) {
    return spec(target, System.getenv(), home())
        .<TargetConnector>map(SpecConnector::new)
        .orElseThrow(
            () ->
                new MigrationException(
                    Code.BAD_ARGUMENTS,
                    "No PostgreSQL target:"
                        + " pass a URL such as postgresql://user@host/db, or set DATABASE_URL or PGHOST"));
  }

  /**
   * {@code text} as typed (a URL, a keyword/value string, any argument) with every part that could
   * hold a password replaced by {@code ****}: for echoing a command line back (the CLI's resume
   * command after Ctrl-C).
   */
  public static String masked(String text) {
    return dev.sqlite2pg.pg.connect.Masking.maskInput(text);
  }

  /**
   * The server {@code target} names or, when it is null, the environment does (DATABASE_URL, PGHOST
   * or PGDATABASE); empty when nothing names one.
   *
   * @param warnings receives what the user should know about the resolved target (e.g. a password
   *     file with loose permissions)
   */
  public static Optional<TargetConnector> resolve(String target, List<String> warnings) {
    Optional<ConnectionSpec> spec = spec(target, System.getenv(), home());
    spec.ifPresent(s -> warnings.addAll(s.warnings()));
    return spec.map(SpecConnector::new);
  }

  private static Optional<ConnectionSpec> spec(String target, Map<String, String> env, Path home) {
    try {
      return Optional.ofNullable(ConnectionSpec.resolve(target, env, home));
    } catch (ServiceFileException e) {
      // Like a server that cannot be reached: the target's configuration, not its syntax.
      throw new MigrationException(Code.TARGET, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MigrationException(Code.BAD_ARGUMENTS, e.getMessage(), e);
    }
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home"));
  }

  /**
   * Starts (or restarts) an embedded PostgreSQL whose data lives in {@code dataDirectory}, and
   * creates {@code database} in it unless it exists. Stop it with {@link Embedded#close()}.
   *
   * @param port the TCP port, or 0 for a free one
   */
  public static Embedded embedded(Path dataDirectory, int port, String database) {
    EmbeddedServer server = null;
    try {
      server = EmbeddedServer.start(dataDirectory, port);
      ConnectionSpec db = server.createDatabase(database);
      return new Embedded(server, new SpecConnector(db), db.displayUrl());
    } catch (TargetConnectException e) {
      closeQuietly(server);
      throw new MigrationException(Code.TARGET, e.getMessage(), e);
    }
  }

  private static void closeQuietly(EmbeddedServer server) {
    if (server != null) {
      try {
        server.close();
      } catch (IOException ignored) {
        // Already failing; the first error is the one to report.
      }
    }
  }

  /** An embedded server and a database in it, as a target. */
  public static final class Embedded implements AutoCloseable {
    private final EmbeddedServer server;
    private final TargetConnector connector;
    private final String url;

    private Embedded(EmbeddedServer server, TargetConnector connector, String url) {
      this.server = server;
      this.connector = connector;
      this.url = url;
    }

    public TargetConnector connector() {
      return connector;
    }

    /** What psql connects with: {@code postgresql://postgres@localhost:PORT/DB?sslmode=...}. */
    public String url() {
      return url;
    }

    /** The directory given at start (absolute). */
    public Path dataDirectory() {
      return server.dataDirectory();
    }

    /** Stops the server and waits until it has let go of its data directory. */
    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
