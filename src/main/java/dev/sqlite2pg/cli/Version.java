package dev.sqlite2pg.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code sqlite2pg --version}: the build and the parts a bug report needs, each read from the part
 * itself (the SQLite that sqlite-jdbc's native library reports, not the version we asked for).
 */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    BuildInfo build = BuildInfo.load();
    return new String[] {
      build.line(),
      "  embedded PostgreSQL " + embedded(build),
      "  SQLite " + sqlite(),
      "  pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION,
      "  Java "
          + System.getProperty("java.runtime.version")
          + " ("
          + System.getProperty("java.vendor")
          + ")",
      "  OS "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.version")
          + " "
          + System.getProperty("os.arch")
    };
  }

  /** The tool's version alone ({@code 0.1.0-SNAPSHOT}), for reports. */
  static String tool() {
    return BuildInfo.load().version();
  }

  /**
   * The version the build bundled, when this platform's binaries are in the jar; zonky names them
   * {@code postgres-<os>-<arch>.txz} (postgres-linux-x86_64.txz). Without them, say so: the user
   * has to give a TARGET.
   */
  static String embedded(BuildInfo build) {
    String binaries = "postgres-" + os() + "-" + arch() + ".txz";
    if (Version.class.getClassLoader().getResource(binaries) == null) {
      return "not bundled for " + os() + "-" + arch() + " (give a TARGET)";
    }
    return build.postgres();
  }

  private static String os() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : os;
  }

  private static String arch() {
    return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      default -> System.getProperty("os.arch");
    };
  }

  /** SQLite's own {@code sqlite_version()} through the driver, and the driver's version. */
  static String sqlite() {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select sqlite_version()")) {
      r.next();
      return r.getString(1) + " (sqlite-jdbc " + c.getMetaData().getDriverVersion() + ")";
    } catch (SQLException | RuntimeException | UnsatisfiedLinkError e) {
      return "unavailable: " + e.getMessage();
    }
  }

  /** The version alone ("0.1.0"), as the JSON report's {@code sqlite2pg_version} gives it. */
  static String number() {
    return tool();
  }
}
