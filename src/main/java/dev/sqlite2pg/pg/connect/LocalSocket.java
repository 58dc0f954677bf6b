package dev.sqlite2pg.pg.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Unix-domain sockets, libpq's way to reach a server on the same machine: a host that starts with
 * '/' is a directory holding the socket file {@code .s.PGSQL.PORT}. pgjdbc speaks only TCP itself;
 * junixsocket's socket factory gives it the socket file instead (pgjdbc's {@code socketFactory} and
 * {@code socketFactoryArg}). The JDK's own Unix-domain channels give no {@code java.net.Socket},
 * which pgjdbc needs.
 */
final class LocalSocket {

  /** The pgjdbc socketFactory: its String argument is the socket file. */
  static final String FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

  /**
   * Where libpq looks when no host is given: Debian's and Ubuntu's libpq (and their server's
   * unix_socket_directories) use /var/run/postgresql; PostgreSQL's own default is /tmp.
   */
  static final List<String> DEFAULT_DIRECTORIES = List.of("/var/run/postgresql", "/tmp");

  /** Finds the directory a target without a host means; empty when none has a server socket. */
  interface Defaults {
    Optional<String> directory(int port);

    /** The real file system: the first default directory whose socket file for port exists. */
    Defaults FILE_SYSTEM =
        port -> DEFAULT_DIRECTORIES.stream().filter(d -> Files.exists(file(d, port))).findFirst();

    /** For tests and machines without local sockets: always TCP to localhost. */
    Defaults NONE = port -> Optional.empty();
  }

  private LocalSocket() {}

  static boolean isSocket(String host) {
    return host.startsWith("/");
  }

  /** {@code DIR/.s.PGSQL.PORT}, the name the server gives its socket. */
  static Path file(String directory, int port) {
    return Path.of(directory, ".s.PGSQL." + port);
  }

  /**
   * The host name a ~/.pgpass line must carry: libpq matches a socket in its default directory as
   * "localhost", any other by the directory itself.
   */
  static String pgpassHost(String directory) {
    return DEFAULT_DIRECTORIES.contains(directory) ? "localhost" : directory;
  }
}
