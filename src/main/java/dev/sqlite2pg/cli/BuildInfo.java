package dev.sqlite2pg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote into {@code build.properties} (src/main/resources-filtered): the version,
 * the commit and its date, the embedded PostgreSQL's version. The same file in the jar and in
 * target/classes, so tests see what users see.
 */
record BuildInfo(String version, String commit, String commitDate, String postgres) {

  private static final String RESOURCE = "build.properties";

  static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(p);
  }

  static BuildInfo of(Properties p) {
    return new BuildInfo(
        known(p, "version"),
        known(p, "commit"),
        known(p, "commit.date"),
        known(p, "postgres.binaries"));
  }

  /**
   * A value, or "unknown": a build without .git (a source archive) leaves {@code ${git...}}
   * unreplaced; one that skipped resource processing leaves no file at all.
   */
  private static String known(Properties p, String key) {
    String v = p.getProperty(key, "");
    return v.isBlank() || v.contains("${") ? "unknown" : v;
  }

  /** {@code 0.1.0-SNAPSHOT (commit abc1234, 2026-12-07)}, or {@code (commit unknown)}. */
  String line() {
    String date = "unknown".equals(commitDate) ? "" : ", " + commitDate;
    return "sqlite2pg " + version + " (commit " + commit + date + ")";
  }
}
