package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;

/**
 * Whether the server offers TLS, against what sslmode asks. Asked the way libpq asks before it logs
 * in: an SSLRequest message, answered by one byte, S (TLS offered) or N (not); PgBouncer answers
 * for itself. The connection is closed before any login, so no password is sent.
 */
final class TlsCheck implements DoctorCheck {

  /** The SSLRequest code of the protocol (1234 in the high 16 bits, 5679 in the low). */
  private static final int SSL_REQUEST = 80877103;

  private static final Set<String> REQUIRING = Set.of("require", "verify-ca", "verify-full");

  @Override
  public String name() {
    return "TLS";
  }

  @Override
  public Stage needs() {
    return Stage.REACHABLE;
  }

  @Override
  public Stage establishes() {
    return Stage.LOGGED_IN;
  }

  @Override
  public Check run(DoctorRun run) throws java.sql.SQLException {
    if (run.spec().isPresent() && run.spec().get().socket().isPresent()) {
      return Check.skip(
          name(), "a Unix-domain socket: the server offers no TLS there, and libpq uses none");
    }
    if (run.spec().isEmpty() || run.reached().isEmpty()) {
      return Check.skip(name(), DnsCheck.CUSTOM);
    }
    String mode = run.spec().get().sslMode();
    InetSocketAddress address = run.reached().get();
    int answer;
    try {
      answer = ask(address);
    } catch (IOException e) {
      return Check.warn(
          name(),
          "could not ask " + address + " whether it offers TLS (" + e.getMessage() + ")",
          "the login check below tries the connection itself");
    }
    boolean loopback = address.getAddress().isLoopbackAddress();
    return answer == 'S' ? offered(mode, loopback) : notOffered(mode, loopback);
  }

  private Check offered(String mode, boolean loopback) {
    String said = "the server offers TLS, sslmode=" + mode;
    return switch (mode) {
      case "verify-full" -> Check.pass(name(), said + ": its certificate and name are checked");
      case "verify-ca" -> Check.pass(name(), said + ": its certificate is checked, not its name");
      case "disable" ->
          loopback
              ? Check.pass(name(), said + " on a loopback connection: nothing leaves this machine")
              : Check.warn(
                  name(),
                  said + ": passwords and rows cross the network in plain text",
                  "use sslmode=verify-full (or require)");
      default ->
          loopback
              ? Check.pass(name(), said + " on a loopback connection")
              : Check.warn(
                  name(),
                  said + ": encrypted, but the server's certificate is not checked",
                  "use sslmode=verify-full with sslrootcert naming the server's CA");
    };
  }

  private Check notOffered(String mode, boolean loopback) {
    String said = "the server does not offer TLS (ssl = off), sslmode=" + mode;
    if (REQUIRING.contains(mode)) {
      return Check.fail(
          name(),
          said + " requires it",
          "turn ssl on in the server's postgresql.conf (with a certificate), or on a trusted"
              + " network use sslmode=prefer");
    }
    if (loopback) {
      return Check.pass(name(), said + ", on a loopback connection: nothing leaves this machine");
    }
    return Check.warn(
        name(),
        said + ": passwords and rows cross the network in plain text",
        "turn ssl on in the server's postgresql.conf, then use sslmode=verify-full");
  }

  /** The server's one-byte answer to an SSLRequest. */
  private static int ask(InetSocketAddress address) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(address, 5_000);
      socket.setSoTimeout(5_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(8);
      out.writeInt(SSL_REQUEST);
      out.flush();
      InputStream in = socket.getInputStream();
      int answer = in.read();
      if (answer < 0) {
        throw new IOException("the server closed the connection without answering");
      }
      return answer;
    }
  }
}
