package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.pg.connect.TargetConnectException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.postgresql.Driver;

/**
 * Opens connections to the target and turns the driver's failures into a {@link
 * TargetConnectException} whose one-line message says what went wrong and what to do.
 */
public final class Connections {

  // Used directly rather than through DriverManager, whose global registry may hold other
  // drivers (sqlite-jdbc) and whose "No suitable driver" helps nobody.
  private static final Driver DRIVER = new Driver();

  private Connections() {}

  /**
   * Opens a connection described by {@code spec}.
   *
   * @throws TargetConnectException when the server cannot be reached or refuses the login; the
   *     message shows the target as {@link ConnectionSpec#displayUrl()}
   */
  public static Connection open(ConnectionSpec spec) throws TargetConnectException {
    return open(spec, Map.of());
  }

  /**
   * Opens a connection with pgjdbc properties that are not the target's own (PgBouncer's console
   * needs some), and so are left out of the messages.
   */
  static Connection open(ConnectionSpec spec, Map<String, String> extra)
      throws TargetConnectException {
    Objects.requireNonNull(spec, "No connection spec provided");
    Properties properties = spec.jdbcProperties();
    extra.forEach(properties::setProperty);
    try {
      Connection connection = DRIVER.connect(spec.jdbcUrl(), properties);
      if (connection == null) {
        throw new IllegalStateException("pgjdbc did not accept " + spec.jdbcUrl());
      }
      return connection;
    } catch (SQLException e) {
      throw explain(spec, e);
    }
  }

  /** Classifies a failed connection attempt by SQLSTATE first, then by its cause. */
  static TargetConnectException explain(ConnectionSpec spec, SQLException e) {
    String target = spec.displayUrl();
    String hosts = spec.hosts().stream().map(Object::toString).collect(Collectors.joining(", "));
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String said = serverSaid(e);
    switch (state) {
      case "28P01", "28000" -> {
        if (said.toLowerCase(Locale.ROOT).contains("no encryption")) {
          return failure(
              Kind.SSL,
              target
                  + ": the server requires SSL for this connection ("
                  + said
                  + "); use sslmode=require or stricter",
              e);
        }
        if (said.toLowerCase(Locale.ROOT).startsWith("peer authentication failed")) {
          return peerFailed(spec, target, said, e);
        }
        return failure(
            Kind.AUTHENTICATION_FAILED,
            target
                + ": authentication failed ("
                + said
                + "); check the user name and password (in the URL, PGPASSWORD or ~/.pgpass) and"
                + " the server's pg_hba.conf",
            e);
      }
      case "3D000" -> {
        return failure(
            Kind.DATABASE_DOES_NOT_EXIST,
            target
                + ": database \""
                + spec.database()
                + "\" does not exist; create it with `createdb "
                + spec.database()
                + "` or name an existing one",
            e);
      }
      case "53300" -> {
        return failure(
            Kind.TOO_MANY_CONNECTIONS,
            target
                + ": the server has no free"
                + " connection slots ("
                + said
                + "); sqlite2pg opens one connection per --jobs"
                + " worker, so pass a lower --jobs, or raise the role's CONNECTION LIMIT or the"
                + " server's max_connections",
            e);
      }
      case "57P03" -> {
        return failure(
            Kind.SERVER_NOT_READY,
            target
                + ": the server is not accepting"
                + " connections yet ("
                + said
                + "); wait until it has started and try again",
            e);
      }
      default -> {
        return byCause(spec, target, hosts, e);
      }
    }
  }

  /**
   * Peer authentication (pg_hba.conf "local ... peer", Debian's default for sockets) lets in only
   * the role named like the OS user running sqlite2pg, or one pg_ident.conf maps it to.
   */
  private static TargetConnectException peerFailed(
      ConnectionSpec spec, String target, String said, SQLException e) {
    String osUser = System.getProperty("user.name", "?");
    return failure(
        Kind.AUTHENTICATION_FAILED,
        target
            + ": "
            + said
            + " (this process runs as OS user \""
            + osUser
            + "\", the server allows only the role of that name over this socket); leave out the"
            + " user (or give user="
            + osUser
            + "), run sqlite2pg as the OS user \""
            + spec.user()
            + "\", or map the OS user to that role in pg_ident.conf",
        e);
  }

  /** A Unix-domain socket fails with the OS's words: no such file, permission denied, refused. */
  private static TargetConnectException socketFailed(
      ConnectionSpec spec, String target, SocketException cause, SQLException e) {
    Path file = spec.socket().orElseThrow().socketFile();
    return failure(
        Kind.CONNECTION_REFUSED,
        target
            + ": no server answers on socket "
            + file
            + " ("
            + cause.getMessage()
            + "); is PostgreSQL running on this machine with "
            + file.getParent()
            + " in its unix_socket_directories and port "
            + spec.socket().get().port()
            + "? (`psql -h "
            + file.getParent()
            + " -p "
            + spec.socket().get().port()
            + "` asks the same)",
        e);
  }

  private static TargetConnectException byCause(
      ConnectionSpec spec, String target, String hosts, SQLException e) {
    Throwable onSocket = rootOf(e, SocketException.class);
    if (spec.socket().isPresent() && onSocket instanceof SocketException socketError) {
      return socketFailed(spec, target, socketError, e);
    }
    Throwable cause =
        rootOf(
            e,
            UnknownHostException.class,
            ConnectException.class,
            NoRouteToHostException.class,
            SocketTimeoutException.class,
            SSLException.class);
    String said = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (cause instanceof UnknownHostException) {
      return failure(
          Kind.UNKNOWN_HOST,
          target
              + ": unknown host "
              + cause.getMessage()
              + "; check the host name for typos and that DNS resolves it",
          e);
    }
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return failure(
          Kind.CONNECTION_REFUSED,
          target
              + ": connection refused; is PostgreSQL"
              + " running on "
              + hosts
              + " and accepting TCP connections (listen_addresses)?",
          e);
    }
    if (cause instanceof SocketTimeoutException) {
      return failure(
          Kind.TIMEOUT,
          target
              + ": no answer from "
              + hosts
              + " within "
              + spec.jdbcProperties().getProperty("connectTimeout")
              + " s; check the host, port"
              + " and firewall, or raise connect_timeout",
          e);
    }
    String lower = said.toLowerCase(Locale.ROOT);
    if (cause instanceof SSLException || lower.contains("ssl")) {
      return failure(
          Kind.SSL,
          target
              + ": SSL failed ("
              + said
              + "); check sslmode (the"
              + " server may not support SSL; use sslmode=prefer or disable) and sslrootcert",
          e);
    }
    if (lower.contains("password") && "08004".equals(e.getSQLState())) {
      return failure(
          Kind.AUTHENTICATION_FAILED,
          target
              + ": the server asks for a password and"
              + " none was given; put it in PGPASSWORD or ~/.pgpass, or in the URL",
          e);
    }
    return failure(Kind.OTHER, target + ": " + said, e);
  }

  /** The server's words without pgjdbc's "FATAL: " prefix. */
  private static String serverSaid(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int colon = message.indexOf(": ");
    return message.startsWith("FATAL") && colon > 0 ? message.substring(colon + 2) : message;
  }

  @SafeVarargs
  private static Throwable rootOf(Throwable error, Class<? extends Throwable>... wanted) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      for (Class<? extends Throwable> type : wanted) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }

  private static TargetConnectException failure(Kind kind, String message, SQLException cause) {
    return new TargetConnectException(kind, "cannot connect to " + message, cause);
  }
}
