package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TCP connection to host:port opens (for a Unix-domain socket: {@link LocalSocketProbe}). pgjdbc
 * connects to the first address a name resolves to; when that one refuses and another answers
 * (localhost resolving to ::1 while the server listens on 127.0.0.1 only), the check says so.
 */
final class TcpCheck implements DoctorCheck {

  private static final int TIMEOUT_MS = 5_000;

  @Override
  public String name() {
    return "TCP";
  }

  @Override
  public Stage needs() {
    return Stage.RESOLVED;
  }

  @Override
  public Stage establishes() {
    return Stage.REACHABLE;
  }

  @Override
  public Check run(DoctorRun run) {
    if (run.spec().isEmpty()) {
      return Check.skip(name(), DnsCheck.CUSTOM);
    }
    Optional<Host> socket = run.spec().get().socket();
    if (socket.isPresent()) {
      return LocalSocketProbe.check(name(), socket.get());
    }
    List<String> failures = new ArrayList<>();
    for (Host host : run.spec().get().hosts()) {
      Optional<Check> open = tryHost(run, host, failures);
      if (open.isPresent()) {
        return open.get();
      }
    }
    return Check.fail(
        name(),
        String.join("; ", failures),
        "start PostgreSQL, or check the port and listen_addresses in postgresql.conf, and any"
            + " firewall or security group between this machine and the server");
  }

  private Optional<Check> tryHost(DoctorRun run, Host host, List<String> failures) {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host.name());
    } catch (UnknownHostException e) {
      failures.add(host.name() + " does not resolve");
      return Optional.empty();
    }
    String firstWhy = "";
    for (int i = 0; i < all.length; i++) {
      InetSocketAddress address = new InetSocketAddress(all[i], host.port());
      Optional<String> refused = connect(address);
      if (refused.isEmpty()) {
        run.reached(address);
        String shown = host + " (" + all[i].getHostAddress() + ")";
        if (i == 0) {
          return Optional.of(Check.pass(name(), shown + " accepts TCP connections"));
        }
        return Optional.of(
            Check.warn(
                name(),
                shown
                    + " accepts TCP connections, but "
                    + all[0].getHostAddress()
                    + ", the address the driver tries, "
                    + firstWhy,
                "name the host by the address that answers ("
                    + all[i].getHostAddress()
                    + "), or make the server listen on "
                    + all[0].getHostAddress()
                    + " too (listen_addresses)"));
      }
      if (i == 0) {
        firstWhy = refused.get();
      }
      failures.add(
          host.name() + ":" + host.port() + " (" + all[i].getHostAddress() + ") " + refused.get());
    }
    return Optional.empty();
  }

  /** Empty when the connection opened; else what happened, in words. */
  private static Optional<String> connect(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, TIMEOUT_MS);
      return Optional.empty();
    } catch (ConnectException e) {
      return Optional.of("refuses connections: nothing listens on that port");
    } catch (SocketTimeoutException e) {
      return Optional.of(
          "does not answer within " + TIMEOUT_MS / 1000 + " s (a firewall dropping packets?)");
    } catch (IOException e) {
      return Optional.of("cannot be reached (" + e.getMessage() + ")");
    }
  }
}
