package dev.sqlite2pg.cli;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.pg.connect.ConnectionSpec;
import dev.sqlite2pg.pg.connect.EmbeddedServer;
import dev.sqlite2pg.pg.connect.SpecConnector;
import dev.sqlite2pg.pg.connect.TargetConnectException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where the data goes: a URL, the environment (DATABASE_URL, PG*), or, when neither names a
 * server, an embedded PostgreSQL kept in --data-dir.
 */
final class ConnectionOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sqlite2pg-data",
      description = "Data directory of the embedded PostgreSQL used when no TARGET is given"
          + " (default: ${DEFAULT-VALUE}, reused by the next run).")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
      description = "Port of the embedded PostgreSQL (default: a free port).")
  int port;

  /** Resolves the target; starts the embedded server when nothing names one. */
  Resolved resolve(String target, Path source, PrintWriter err) {
    ConnectionSpec spec;
    try {
      spec = ConnectionSpec.resolve(target, System.getenv(), Path.of(System.getProperty("user.home")));
    } catch (IllegalArgumentException e) {
      throw new MigrationException(Code.BAD_ARGUMENTS, e.getMessage(), e);
    }
    if (spec != null) {
      spec.warnings().forEach(w -> err.println("sqlite2pg: warning: " + w));
      return new Resolved(new SpecConnector(spec), null);
    }
    try {
      EmbeddedServer server = EmbeddedServer.start(dataDir, port);
      ConnectionSpec db = server.createDatabase(databaseName(source));
      err.println("sqlite2pg: started embedded PostgreSQL in " + server.dataDirectory()
          + "; connect with: psql '" + db.displayUrl() + "'");
      return new Resolved(new SpecConnector(db), server);
    } catch (TargetConnectException e) {
      throw new MigrationException(Code.TARGET, e.getMessage(), e);
    }
  }

  /** The embedded server's database for a source: its file name without extension. */
  static String databaseName(Path source) {
    String name = source.getFileName().toString();
    int dot = name.indexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    return name.isEmpty() ? "sqlite2pg" : name;
  }

  /** The connector, and the embedded server to stop afterwards, if one was started. */
  record Resolved(SpecConnector connector, EmbeddedServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        try {
          server.close();
        } catch (java.io.IOException e) {
          System.err.println("sqlite2pg: warning: stopping the embedded PostgreSQL: " + e.getMessage());
        }
      }
    }
  }
}
