package dev.sqlite2pg.pg.connect;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where and how to connect to the target PostgreSQL, fully resolved: every default has been
 * applied, so what is here is what the driver gets. The password is held but never shown: {@link
 * #toString()}, {@link #displayUrl()} and {@link #jdbcUrl()} leave it out.
 *
 * <p>Connect with {@code DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties())}, or
 * better {@link Connections#open(ConnectionSpec)}, which explains failures.
 *
 * @param hosts the servers to try, in order (pgjdbc moves to the next when one fails)
 * @param database the database name
 * @param user the role to log in as
 * @param password the password, or null when none is known (the server may not need one)
 * @param sslMode libpq's sslmode: disable, allow, prefer, require, verify-ca or verify-full
 * @param properties further pgjdbc connection properties (connectTimeout, ApplicationName,
 *     sslrootcert, ...), already translated from libpq's names
 * @param warnings things the user should hear about, such as an ignored ~/.pgpass
 */
public record ConnectionSpec(
    List<Host> hosts,
    String database,
    String user,
    String password,
    String sslMode,
    Map<String, String> properties,
    List<String> warnings) {

  /** The sslmode values libpq and pgjdbc share. */
  static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private static final String APPLICATION_NAME = "sqlite2pg";
  // libpq waits forever by default; a migration tool that hangs on a typo is worse.
  private static final String CONNECT_TIMEOUT_SECONDS = "10";

  /**
   * One server address.
   *
   * @param name a host name or IP address (IPv6 without brackets), or the directory of a
   *     Unix-domain socket (starting with '/', as libpq's host=/var/run/postgresql)
   * @param port the TCP port; for a socket, the number in its file name {@code .s.PGSQL.PORT}
   */
  public record Host(String name, int port) {
    public Host {
      Objects.requireNonNull(name, "No host name provided");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("host name is empty");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
      }
    }

    /** Whether this is a Unix-domain socket's directory rather than a host name. */
    public boolean isSocket() {
      return LocalSocket.isSocket(name);
    }

    /** The socket file, {@code DIR/.s.PGSQL.PORT}; only for {@link #isSocket()}. */
    public Path socketFile() {
      return LocalSocket.file(name, port);
    }

    /**
     * host:port, with an IPv6 address in brackets: [::1]:5432; a socket as its file:
     * /var/run/postgresql/.s.PGSQL.5432.
     */
    @Override
    public String toString() {
      if (isSocket()) {
        return socketFile().toString();
      }
      return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + port;
    }

    /** As written in a libpq URI: a socket directory percent-encoded (%2Ftmp:5432). */
    String inUri() {
      return isSocket() ? PercentCodec.encode(name) + ":" + port : toString();
    }
  }

  public ConnectionSpec {
    hosts = List.copyOf(Objects.requireNonNull(hosts, "No hosts provided"));
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("at least one host is needed");
    }
    Objects.requireNonNull(database, "No database provided");
    Objects.requireNonNull(user, "No user provided");
    Objects.requireNonNull(sslMode, "No sslmode provided");
    if (!SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException("sslmode \"" + sslMode + "\" is not one of " + SSL_MODES);
    }
    properties =
        Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNull(properties, "No properties provided")));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "No warnings provided"));
  }

  /**
   * Resolves a target the way psql would, in this order of precedence:
   *
   * <ol>
   *   <li>{@code target}, when given: a libpq URI ({@code postgresql://} or {@code postgres://}), a
   *       libpq key=value string, or a {@code jdbc:postgresql:} URL;
   *   <li>else the {@code DATABASE_URL} environment variable, when set (any of those forms);
   *   <li>else, when PGHOST, PGDATABASE or PGSERVICE is set, the PG* environment variables alone;
   *   <li>else nothing: {@code null}, meaning the caller should start an embedded server.
   * </ol>
   *
   * <p>What the target leaves out comes, as in libpq, first from its service ({@code service=} in
   * the target, else PGSERVICE; see {@link ServiceFile}), then from PGHOST, PGPORT, PGUSER,
   * PGPASSWORD, PGDATABASE, PGSSLMODE (and PGCONNECT_TIMEOUT, PGAPPNAME, PGSSLROOTCERT, ...), then
   * from the defaults: host the Unix-domain socket in /var/run/postgresql or /tmp when one is there
   * for the port, else localhost; port 5432, user the OS user (what peer authentication expects),
   * database the user name, sslmode prefer (disable over a socket, where libpq does not use SSL
   * either). With no password so far, the password file (PGPASSFILE, else {@code home/.pgpass}) is
   * searched for each host in order.
   *
   * @param target what the user typed, or null
   * @param env the environment (System.getenv() in production); empty values count as unset
   * @param home the user's home directory, where .pgpass lives
   * @return the resolved target, or null when none was given anywhere
   * @throws IllegalArgumentException when the target is malformed; the one-line message names the
   *     problem and the expected form and never contains the password
   */
  public static ConnectionSpec resolve(String target, Map<String, String> env, Path home) {
    return resolve(target, env, home, LocalSocket.Defaults.FILE_SYSTEM);
  }

  /** {@link #resolve(String, Map, Path)} with the default socket directories given. */
  static ConnectionSpec resolve(
      String target, Map<String, String> env, Path home, LocalSocket.Defaults sockets) {
    Objects.requireNonNull(env, "No environment provided");
    Objects.requireNonNull(home, "No home directory provided");
    String osUser = System.getProperty("user.name", "postgres");
    String text = target;
    String label = "target";
    if (text == null && isSet(env.get("DATABASE_URL"))) {
      text = env.get("DATABASE_URL");
      label = "DATABASE_URL";
    }
    if (text == null) {
      if (!isSet(env.get("PGHOST"))
          && !isSet(env.get("PGDATABASE"))
          && !isSet(env.get("PGSERVICE"))) {
        return null;
      }
      try {
        return TargetResolver.resolve(TargetSyntax.empty(), env, home, osUser, sockets);
      } catch (TargetSyntax.Invalid e) {
        throw new IllegalArgumentException(
            "connection settings from the PG* environment"
                + " variables are not valid: "
                + e.getMessage(),
            e);
      }
    }
    try {
      return TargetResolver.resolve(TargetSyntax.parse(text), env, home, osUser, sockets);
    } catch (TargetSyntax.Invalid e) {
      String form =
          text.contains("://") || text.strip().startsWith("jdbc:") ? " URL" : " connection string";
      throw new IllegalArgumentException(
          label
              + (label.equals("target") ? form : "")
              + " \""
              + Masking.maskInput(text)
              + "\" is not valid: "
              + e.getMessage()
              + " (expected "
              + TargetSyntax.exampleFor(text)
              + ")",
          e);
    }
  }

  /** The same server and credentials, another database. */
  public ConnectionSpec withDatabase(String otherDatabase) {
    return new ConnectionSpec(hosts, otherDatabase, user, password, sslMode, properties, warnings);
  }

  /**
   * {@code jdbc:postgresql://host:port,.../database}: no user, no password, no options. A socket
   * shows as localhost: the socket factory in {@link #jdbcProperties()} connects to its file.
   */
  public String jdbcUrl() {
    String hostList =
        socket().isPresent()
            ? "localhost:" + hosts.get(0).port()
            : hosts.stream().map(Host::toString).collect(Collectors.joining(","));
    return "jdbc:postgresql://" + hostList + "/" + PercentCodec.encode(database);
  }

  /** The Unix-domain socket this spec connects through, if it does. */
  public Optional<Host> socket() {
    return hosts.get(0).isSocket() ? Optional.of(hosts.get(0)) : Optional.empty();
  }

  /**
   * Everything pgjdbc needs besides the URL: user, password (when known), sslmode,
   * ApplicationName=sqlite2pg and connectTimeout=10 unless the target set them, junixsocket's
   * socket factory for a Unix-domain socket, and the target's other properties.
   */
  public Properties jdbcProperties() {
    Properties jdbc = new Properties();
    jdbc.setProperty("user", user);
    if (password != null) {
      jdbc.setProperty("password", password);
    }
    jdbc.setProperty("sslmode", sslMode);
    jdbc.setProperty("ApplicationName", APPLICATION_NAME);
    jdbc.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    socket()
        .ifPresent(
            s -> {
              jdbc.setProperty("socketFactory", LocalSocket.FACTORY);
              jdbc.setProperty("socketFactoryArg", s.socketFile().toString());
            });
    properties.forEach(jdbc::setProperty);
    return jdbc;
  }

  /**
   * {@code postgresql://user@host:port/db?sslmode=prefer}, safe to print and log: a password shows
   * as {@code ****}, as does any other secret property.
   */
  public String displayUrl() {
    String extra =
        properties.entrySet().stream()
            .map(
                e ->
                    "&"
                        + e.getKey()
                        + "="
                        + (isSecret(e.getKey()) ? Masking.MASK : PercentCodec.encode(e.getValue())))
            .collect(Collectors.joining());
    return "postgresql://"
        + PercentCodec.encode(user)
        + (password == null ? "" : ":" + Masking.MASK)
        + "@"
        + hostList()
        + "/"
        + PercentCodec.encode(database)
        + "?sslmode="
        + sslMode
        + extra;
  }

  /** The masked {@link #displayUrl()}: records would otherwise print the password. */
  @Override
  public String toString() {
    return "ConnectionSpec[" + displayUrl() + "]";
  }

  private String hostList() {
    return hosts.stream().map(Host::inUri).collect(Collectors.joining(","));
  }

  static boolean isSecret(String property) {
    return property.toLowerCase(Locale.ROOT).contains("password");
  }

  static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
