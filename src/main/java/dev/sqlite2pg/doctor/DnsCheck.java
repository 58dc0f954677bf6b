package dev.sqlite2pg.doctor;

import dev.sqlite2pg.Check;
import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Every host of the target resolves to an address on this machine. */
final class DnsCheck implements DoctorCheck {

  static final String CUSTOM =
      "the target is a TargetConnector of the calling program: only its connections can be checked";

  @Override
  public String name() {
    return "DNS";
  }

  @Override
  public Stage needs() {
    return Stage.NONE;
  }

  @Override
  public Stage establishes() {
    return Stage.RESOLVED;
  }

  @Override
  public Check run(DoctorRun run) {
    if (run.spec().isEmpty()) {
      return Check.skip(name(), CUSTOM);
    }
    List<String> found = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Host host : run.spec().get().hosts()) {
      if (host.isSocket()) {
        found.add(host.name() + " is a Unix-domain socket directory (no name to resolve)");
        continue;
      }
      try {
        String addresses = addresses(host.name());
        found.add(
            addresses.equals(host.name())
                ? host.name() + " is an address"
                : host.name() + " -> " + addresses);
      } catch (UnknownHostException e) {
        unknown.add(host.name());
      }
    }
    String fix =
        "check the host name for typos, and that this machine's DNS (or /etc/hosts) knows it";
    if (found.isEmpty()) {
      return Check.fail(name(), "host " + String.join(", ", unknown) + " does not resolve", fix);
    }
    if (!unknown.isEmpty()) {
      return Check.warn(
          name(),
          String.join("; ", found) + "; but " + String.join(", ", unknown) + " does not resolve",
          fix);
    }
    return Check.pass(name(), String.join("; ", found));
  }

  private static String addresses(String name) throws UnknownHostException {
    return Arrays.stream(InetAddress.getAllByName(name))
        .map(InetAddress::getHostAddress)
        .distinct()
        .collect(Collectors.joining(", "));
  }
}
