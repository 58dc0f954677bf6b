package dev.sqlite2pg.cli;

import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.Targets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the data goes: a URL, the environment (DATABASE_URL, PG*), or, when neither names a server,
 * an embedded PostgreSQL kept in --data-dir.
 */
final class ConnectionOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "sqlite2pg-data",
      description =
          "Data directory of the embedded PostgreSQL used when no TARGET is given"
              + " (default: ${DEFAULT-VALUE}, reused by the next run).")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port of the embedded PostgreSQL (default: a free port).")
  int port;

  /** Resolves the target; starts the embedded server when nothing names one. */
  Resolved resolve(String target, Path source, PrintWriter err) {
    List<String> warnings = new ArrayList<>();
    Optional<TargetConnector> named = Targets.resolve(target, warnings);
    warnings.forEach(w -> err.println("sqlite2pg: warning: " + w));
    if (named.isPresent()) {
      return new Resolved(named.get(), null);
    }
    Targets.Embedded server = Targets.embedded(dataDir, port, databaseName(source));
    err.println(
        "sqlite2pg: started embedded PostgreSQL in "
            + server.dataDirectory()
            + "; connect with: psql '"
            + server.url()
            + "'");
    return new Resolved(server.connector(), server);
  }

  /**
   * The embedded server's database for a source: its file name without extension ("sqlite2pg" when
   * there is none, as for doctor without --source).
   */
  static String databaseName(Path source) {
    if (source == null) {
      return "sqlite2pg";
    }
    String name = source.getFileName().toString();
    int dot = name.indexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    return name.isEmpty() ? "sqlite2pg" : name;
  }

  /** The connector, and the embedded server to stop afterwards, if one was started. */
  record Resolved(TargetConnector connector, Targets.Embedded server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        try {
          server.close();
        } catch (java.io.IOException e) {
          System.err.println(
              "sqlite2pg: warning: stopping the embedded PostgreSQL: " + e.getMessage());
        }
      }
    }
  }
}
