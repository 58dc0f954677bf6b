package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.sql.Identifiers;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PgBouncer's admin console, used to hold the application's pool still while the writes move
 * (design 3.7 step 6, 3.9 point 5): {@code PAUSE <db>} waits until the pool's server connections
 * are released and makes new transactions queue instead of fail; {@code RESUME <db>} lets them
 * through to the unfenced PostgreSQL.
 *
 * <p>The URL is the one the operator knows, {@code postgresql://ADMIN[:PASSWORD]@HOST:PORT/POOLDB}:
 * its path names the pool to pause; the console is the database {@code pgbouncer} at the same host
 * and port, logged in as ADMIN (one of PgBouncer's {@code admin_users}). A password missing from
 * the URL comes from PGPASSWORD or ~/.pgpass, looked up for the database {@code pgbouncer}, as
 * {@code psql -d pgbouncer} would.
 */
public final class PgBouncer implements AutoCloseable {

  /** The console's database name, fixed by PgBouncer. */
  static final String CONSOLE = "pgbouncer";

  /**
   * How long {@link #pause()} waits for the pool's open transactions to end. Before a cut-over the
   * application writes to SQLite, so the pool should be idle or serve short reads; a longer wait
   * means a transaction was left open, and the pause would hold every other client meanwhile.
   */
  public static final Duration PAUSE_WAIT = Duration.ofSeconds(10);

  /**
   * What pgjdbc needs to talk to the console, found against PgBouncer 1.18 (Debian 12). The console
   * speaks only the simple query protocol. And pgjdbc (42.7.5 and later) follows the login with
   * {@code SET extra_float_digits = 2} whenever the server's version is below 12, which the
   * console's {@code 1.18.0/bouncer} is; PgBouncer answers "SET failed" (08P01) and pgjdbc gives up
   * (pgbouncer issue 1509, fixed by pull request 1550 in later releases). {@code
   * ignore_startup_parameters} does not help: this is a query, not a startup parameter. pgjdbc
   * skips its initial queries on a connection with the {@code replication} property, and puts
   * {@code replication} into the startup packet only when assumeMinServerVersion is at least 9.4;
   * without that property (it is dropped from the URL's) PgBouncer sees an ordinary login.
   */
  static final Map<String, String> CONSOLE_PROPERTIES =
      Map.of("preferQueryMode", "simple", "replication", "database");

  private static final String EXPECTED = "postgresql://ADMINUSER[:PASSWORD]@HOST:PORT/POOLDB";

  // pgjdbc warns "Unsupported Server Version: 1.18.0/bouncer" at every console login: the console
  // reports PgBouncer's own version. Held here so that the quieting below finds the same logger.
  private static final Logger VERSION_WARNING =
      Logger.getLogger("org.postgresql.jdbc.PgConnection");

  private final ConnectionSpec console;
  private final String database;
  private Connection connection;

  private PgBouncer(ConnectionSpec console, String database) {
    this.console = console;
    this.database = database;
  }

  /**
   * Connects to the console of the PgBouncer that {@code url} names.
   *
   * @throws MigrationException BAD_ARGUMENTS when the URL is malformed or names no pool database,
   *     TARGET when the console cannot be reached or refuses the login; one line, never the
   *     password
   */
  public static PgBouncer connect(String url, Map<String, String> env, Path home) {
    PgBouncer bouncer = parse(url, env, home);
    bouncer.connection();
    return bouncer;
  }

  /** Resolves {@code url} without connecting. */
  static PgBouncer parse(String url, Map<String, String> env, Path home) {
    Objects.requireNonNull(env, "No environment provided");
    Objects.requireNonNull(home, "No home directory provided");
    if (url == null || url.isBlank()) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS, "the PgBouncer URL is empty (expected " + EXPECTED + ")");
    }
    TargetSyntax given;
    try {
      given = TargetSyntax.parse(url);
    } catch (TargetSyntax.Invalid e) {
      throw malformed(url, e.getMessage(), e);
    }
    String database = poolDatabase(url, given);
    return new PgBouncer(resolve(url, given, env, home), database);
  }

  /** The pool database that {@link #pause()} and {@link #resume()} act on. */
  public String database() {
    return database;
  }

  /**
   * The URL as given, resolved and safe to print: {@code postgresql://admin:****@host:6432/app}.
   */
  public String display() {
    return console.withDatabase(database).displayUrl();
  }

  /** {@code PAUSE <db>}, waiting at most {@link #PAUSE_WAIT}. */
  public void pause() {
    pause(PAUSE_WAIT);
  }

  /**
   * {@code PAUSE <db>}: returns once the pool's server connections are released; from then on its
   * clients' new transactions wait in PgBouncer. A pause left by an earlier run that was killed is
   * resumed and taken again, so that this one waits for the server connections itself.
   *
   * @param wait how long the pool's open transactions may take to end; past it the pool is resumed
   *     and this fails, having changed nothing
   * @throws MigrationException TARGET when PgBouncer refuses or the wait runs out
   */
  public void pause(Duration wait) {
    try {
      runPause(wait);
    } catch (SQLException e) {
      if (!isTimeout(e) && paused()) {
        runOrFail("RESUME");
        pauseOnce(wait);
        return;
      }
      throw pauseFailed(wait, e);
    }
  }

  /**
   * {@code RESUME <db>}; a pool that is not paused (say, a retry after a resume that went through)
   * is left as it is.
   *
   * @throws MigrationException TARGET when PgBouncer refuses and the pool stays paused
   */
  public void resume() {
    try {
      run("RESUME");
    } catch (SQLException e) {
      if (paused()) {
        throw refused("RESUME", e);
      }
    }
  }

  /** Whether the console lists the pool as paused ({@code SHOW DATABASES}, column paused). */
  public boolean paused() {
    try (Statement s = connection().createStatement();
        ResultSet rs = s.executeQuery("SHOW DATABASES")) {
      while (rs.next()) {
        if (database.equals(rs.getString("name"))) {
          return rs.getInt("paused") != 0;
        }
      }
      throw new MigrationException(
          Code.TARGET,
          "PgBouncer at "
              + display()
              + " has no database \""
              + database
              + "\"; name the pool the application connects to, as listed in [databases]");
    } catch (SQLException e) {
      throw refused("SHOW DATABASES", e);
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing a console session changes nothing in PgBouncer: nothing to report.
      } finally {
        connection = null;
      }
    }
  }

  /** The console command {@code verb} for the pool, its name quoted as the console parses it. */
  String command(String verb) {
    return verb + " " + Identifiers.quote(database);
  }

  /** The resolved console connection: the database pgbouncer, and the settings it needs. */
  ConnectionSpec consoleSpec() {
    return console;
  }

  private void pauseOnce(Duration wait) {
    try {
      runPause(wait);
    } catch (SQLException e) {
      throw pauseFailed(wait, e);
    }
  }

  private void runPause(Duration wait) throws SQLException {
    Connection c = connection();
    // PAUSE answers only once the pool's server connections are released; the socket's timeout
    // bounds that wait. PgBouncer ignores a cancel request for a console query.
    c.setNetworkTimeout(Runnable::run, Math.toIntExact(Math.max(1, wait.toMillis())));
    try {
      run("PAUSE");
    } finally {
      if (!c.isClosed()) {
        c.setNetworkTimeout(Runnable::run, 0);
      }
    }
  }

  private MigrationException pauseFailed(Duration wait, SQLException e) {
    if (!isTimeout(e)) {
      return refused("PAUSE", e);
    }
    // The console session broke off, but the pool stays paused: a fresh session resumes it.
    close();
    runOrFail("RESUME");
    return new MigrationException(
        Code.TARGET,
        "PgBouncer at "
            + display()
            + " did not pause \""
            + database
            + "\" within "
            + wait.toMillis()
            + " ms: a transaction through it is still open; it was resumed, end that transaction"
            + " and try again",
        e);
  }

  private void runOrFail(String verb) {
    try {
      run(verb);
    } catch (SQLException e) {
      throw refused(verb, e);
    }
  }

  private void run(String verb) throws SQLException {
    try (Statement s = connection().createStatement()) {
      s.execute(command(verb));
    }
  }

  private Connection connection() {
    if (connection == null) {
      Level before = VERSION_WARNING.getLevel();
      VERSION_WARNING.setLevel(Level.SEVERE);
      try {
        connection = Connections.open(console, CONSOLE_PROPERTIES);
      } catch (TargetConnectException e) {
        throw new MigrationException(Code.TARGET, "PgBouncer console: " + e.getMessage(), e);
      } finally {
        VERSION_WARNING.setLevel(before);
      }
    }
    return connection;
  }

  private MigrationException refused(String verb, SQLException e) {
    String said = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new MigrationException(
        Code.TARGET,
        "PgBouncer at "
            + display()
            + " refused "
            + command(verb)
            + " ("
            + said.replaceFirst("^ERROR: ", "").lines().findFirst().orElse("")
            + "); its user must be in admin_users and \""
            + database
            + "\" a database in its [databases]",
        e);
  }

  private static boolean isTimeout(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The path of the URL: the pool to pause. The console itself cannot be paused. */
  private static String poolDatabase(String url, TargetSyntax given) {
    String database = given.keywords().get("dbname");
    if (database == null || database.isEmpty()) {
      throw malformed(url, "it names no pool database", null);
    }
    if (database.equals(CONSOLE)) {
      throw malformed(url, "its database is the console itself; name the application's pool", null);
    }
    return database;
  }

  private static ConnectionSpec resolve(
      String url, TargetSyntax given, Map<String, String> env, Path home) {
    Map<String, String> keywords = new LinkedHashMap<>(given.keywords());
    keywords.put("dbname", CONSOLE);
    ConnectionSpec spec;
    try {
      spec =
          TargetResolver.resolve(
              new TargetSyntax(keywords, given.driverProperties()),
              env,
              home,
              System.getProperty("user.name", "postgres"),
              LocalSocket.Defaults.FILE_SYSTEM);
    } catch (TargetSyntax.Invalid e) {
      throw malformed(url, e.getMessage(), e);
    }
    return new ConnectionSpec(
        spec.hosts(),
        spec.database(),
        spec.user(),
        spec.password(),
        spec.sslMode(),
        withoutAssumedVersion(spec.properties()),
        spec.warnings());
  }

  /** The target's own properties, less one that would make pgjdbc log in differently (below). */
  private static Map<String, String> withoutAssumedVersion(Map<String, String> given) {
    Map<String, String> properties = new LinkedHashMap<>(given);
    properties.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).equals("assumeminserverversion"));
    return properties;
  }

  private static MigrationException malformed(String url, String problem, Throwable cause) {
    return new MigrationException(
        Code.BAD_ARGUMENTS,
        "PgBouncer URL \""
            + Masking.maskInput(url)
            + "\" is not valid: "
            + problem
            + " (expected "
            + EXPECTED
            + ")",
        cause);
  }
}
