package dev.sqlite2pg.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "dev" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"sqlite2pg " + number()};
  }

  /** The version alone ("0.1.0"), as the JSON report's {@code sqlite2pg_version} gives it. */
  static String number() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
