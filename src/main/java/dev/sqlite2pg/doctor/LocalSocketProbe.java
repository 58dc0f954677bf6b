package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reachability check for a Unix-domain socket target (host=/var/run/postgresql): the socket
 * file exists and a connection to it opens. The JDK's own channel suffices here; only the driver
 * needs a java.net.Socket (junixsocket).
 */
final class LocalSocketProbe {

  private LocalSocketProbe() {}

  static Check check(String name, Host socket) {
    Path file = socket.socketFile();
    String fix =
        "start PostgreSQL, or check that "
            + file.getParent()
            + " is in its unix_socket_directories and that its port is "
            + socket.port();
    if (!Files.exists(file)) {
      return Check.fail(name, "socket " + file + " does not exist", fix);
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(file));
      return Check.pass(name, "socket " + file + " accepts connections");
    } catch (IOException e) {
      return Check.fail(
          name,
          "socket " + file + " refuses connections (" + e.getMessage() + ")",
          fix + ", and that this OS user may open it (its directory's permissions)");
    }
  }
}
