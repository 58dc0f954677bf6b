package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.pg.connect.TargetConnectException.Kind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that sqlite2pg runs itself when no target is given. Its data outlives the
 * run: the cluster lives in {@code <dataDirectory>/pgdata} and is started again, without initdb,
 * the next time the same directory is used. The server's own output goes to {@code
 * <dataDirectory>/server.log}.
 *
 * <p>It listens on localhost only and trusts local logins as {@code postgres} (zonky runs initdb
 * with {@code -A trust}). Settings favour bulk loads without risking the data: fsync stays on,
 * since this cluster may hold the only copy of the user's migrated data.
 *
 * <p>zonky logs each start and stop at INFO through slf4j (logger {@code
 * io.zonky.test.db.postgres}); the CLI's logging configuration should quiet it.
 */
public final class EmbeddedServer implements AutoCloseable {

  /** Where the data lives unless the caller says otherwise, relative to the working dir. */
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("sqlite2pg-data");

  private static final String SUPERUSER = "postgres";
  // A recovery after a crash replays WAL before accepting connections; zonky's 10 s is short.
  private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);
  private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(2);

  private static final Map<String, String> SETTINGS =
      Map.of(
          // zonky always passes -F (fsync off), fine for tests but not for the only copy of the
          // user's data; -c options come after it on the command line, so this one wins.
          "fsync", "on",
          "listen_addresses", "localhost",
          // Fewer checkpoints during a load of many gigabytes; recovery time grows, data is safe.
          "max_wal_size", "4GB",
          "checkpoint_timeout", "15min",
          "maintenance_work_mem", "256MB",
          // Nothing replicates from this server; minimal WAL lets COPY into a table created in
          // the same transaction skip WAL altogether.
          "wal_level", "minimal",
          "max_wal_senders", "0");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final Path clusterDirectory;

  private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.clusterDirectory = dataDirectory.resolve("pgdata");
  }

  /** Starts (or restarts) the server in {@link #DEFAULT_DATA_DIRECTORY} on a free port. */
  public static EmbeddedServer start() throws TargetConnectException {
    return start(DEFAULT_DATA_DIRECTORY, 0);
  }

  /**
   * Starts the server whose data lives in {@code dataDirectory}, creating the cluster the first
   * time.
   *
   * @param port the TCP port, or 0 for a free one chosen now. A free port is the default because a
   *     fixed one (5432, 5433) is often taken by a PostgreSQL the user already runs, and the CLI
   *     prints the URL of the server it started anyway.
   * @throws TargetConnectException with kind DATA_DIRECTORY_IN_USE when a server is still running
   *     on that directory, EMBEDDED_SERVER_FAILED when it cannot be started
   */
  public static EmbeddedServer start(Path dataDirectory, int port) throws TargetConnectException {
    Objects.requireNonNull(dataDirectory, "No data directory provided");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
    }
    Path data = dataDirectory.toAbsolutePath().normalize();
    Path cluster = data.resolve("pgdata");
    BundledBinaries.require();
    ClusterCheck.refuseUnusable(cluster);
    if (port != 0) {
      refuseTakenPort(port);
    }
    try {
      Files.createDirectories(data);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(cluster)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_WAIT)
              .setLocaleConfig("locale", "C")
              .setOutputRedirector(
                  ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()));
      SETTINGS.forEach(builder::setServerConfig);
      return new EmbeddedServer(builder.start(), data);
    } catch (IOException | RuntimeException e) {
      throw new TargetConnectException(
          Kind.EMBEDDED_SERVER_FAILED,
          "cannot start the embedded"
              + " PostgreSQL in "
              + data
              + ": "
              + describe(e)
              + ClusterCheck.versionHint(cluster)
              + "; see "
              + data.resolve("server.log"),
          e);
    }
  }

  /** Where to connect: user postgres, database postgres, no password, no SSL. */
  public ConnectionSpec spec() {
    return new ConnectionSpec(
        List.of(new ConnectionSpec.Host("localhost", port())),
        "postgres",
        SUPERUSER,
        null,
        "disable",
        Map.of(),
        List.of());
  }

  /** Creates database {@code name} unless it exists, and returns where to connect to it. */
  public ConnectionSpec createDatabase(String name) throws TargetConnectException {
    Objects.requireNonNull(name, "No database name provided");
    ConnectionSpec admin = spec();
    try (Connection c = Connections.open(admin)) {
      if (!exists(c, name)) {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + quoteIdentifier(name));
        } catch (SQLException e) {
          // 42P04: another run created it between our check and our CREATE; that is fine.
          if (!"42P04".equals(e.getSQLState())) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw new TargetConnectException(
          Kind.OTHER,
          "cannot create database \""
              + name
              + "\" on the embedded PostgreSQL at "
              + admin.displayUrl()
              + ": "
              + e.getMessage(),
          e);
    }
    return admin.withDatabase(name);
  }

  public int port() {
    return postgres.getPort();
  }

  /** The directory given at start (absolute); the cluster itself is its pgdata child. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Stops the server and waits until it has let go of its data directory, so that the next run can
   * start on it at once. zonky's own stop gives up after 5 s, which a checkpoint after a large load
   * can exceed.
   */
  @Override
  public void close() throws IOException {
    checkpoint();
    postgres.close();
    ClusterCheck.awaitStopped(clusterDirectory, SHUTDOWN_WAIT);
  }

  /** Writes dirty buffers now, so that the shutdown checkpoint has little left to do. */
  private void checkpoint() {
    try (Connection c = Connections.open(spec());
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    } catch (SQLException | TargetConnectException e) {
      // Only a speed-up: the shutdown checkpoint writes the same pages.
    }
  }

  private static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  // TODO(lead): replace with the project's one identifier-quoting function once it exists.
  private static String quoteIdentifier(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("database name \"" + name + "\" is empty or has NUL");
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static void refuseTakenPort(int port) throws TargetConnectException {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new TargetConnectException(
          Kind.EMBEDDED_SERVER_FAILED,
          "cannot start the embedded"
              + " PostgreSQL on port "
              + port
              + ": the port is in use; choose another port, or 0"
              + " for a free one",
          e);
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return root == e ? message : message + " (" + root.getMessage() + ")";
  }

  /** Reads postmaster.pid and PG_VERSION to explain a cluster directory before using it. */
  static final class ClusterCheck {

    private ClusterCheck() {}

    /**
     * Refuses a directory in use by a running server (zonky would wait for its own server until the
     * timeout, then fail without saying why) and one that holds something other than a cluster
     * (initdb would fail on the non-empty directory).
     */
    static void refuseUnusable(Path cluster) throws TargetConnectException {
      if (!Files.isDirectory(cluster)) {
        return;
      }
      RunningServer running = RunningServer.of(cluster);
      if (running != null) {
        throw new TargetConnectException(
            Kind.DATA_DIRECTORY_IN_USE,
            "the embedded PostgreSQL"
                + " data directory "
                + cluster
                + " is in use by a running server (pid "
                + running.pid()
                + ", port "
                + running.port()
                + "); stop the other sqlite2pg run,"
                + " or stop that server with `pg_ctl -D "
                + cluster
                + " stop`, or use another"
                + " data directory",
            null);
      }
      if (!Files.exists(cluster.resolve("PG_VERSION")) && !isEmpty(cluster)) {
        throw new TargetConnectException(
            Kind.EMBEDDED_SERVER_FAILED,
            "the embedded PostgreSQL"
                + " data directory "
                + cluster
                + " is not empty and holds no PostgreSQL cluster"
                + " (no PG_VERSION); move its contents away or use another data directory",
            null);
      }
    }

    /** "; the cluster was created by PostgreSQL 17" when a version mismatch may be why. */
    static String versionHint(Path cluster) {
      try {
        String version =
            Files.readString(cluster.resolve("PG_VERSION"), StandardCharsets.US_ASCII).strip();
        return "; the cluster was created by PostgreSQL "
            + version
            + ", which must match the bundled server's major version";
      } catch (IOException e) {
        return "";
      }
    }

    static void awaitStopped(Path cluster, Duration wait) throws IOException {
      long deadline = System.nanoTime() + wait.toNanos();
      while (RunningServer.of(cluster) != null) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "the embedded PostgreSQL in "
                  + cluster
                  + " did not stop within "
                  + wait.toSeconds()
                  + " s; stop it with `pg_ctl -D "
                  + cluster
                  + " stop`");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private static boolean isEmpty(Path dir) {
      try (Stream<Path> children = Files.list(dir)) {
        return children.findAny().isEmpty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The server named in postmaster.pid, if that process is still alive. Line 1 is the pid, line 4
   * the port. A stale file left by a crash names a dead process; PostgreSQL itself removes it on
   * the next start, so it does not count.
   */
  record RunningServer(long pid, String port) {

    static RunningServer of(Path cluster) {
      List<String> lines;
      try {
        lines = Files.readAllLines(cluster.resolve("postmaster.pid"), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return null;
      }
      if (lines.isEmpty()) {
        return null;
      }
      long pid;
      try {
        pid = Long.parseLong(lines.get(0).strip());
      } catch (NumberFormatException e) {
        return null;
      }
      // A pid reused by an unrelated process after a crash is not a server.
      boolean alive =
          ProcessHandle.of(pid)
              .filter(ProcessHandle::isAlive)
              .map(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true))
              .orElse(false);
      return alive ? new RunningServer(pid, lines.size() > 3 ? lines.get(3).strip() : "?") : null;
    }
  }
}
