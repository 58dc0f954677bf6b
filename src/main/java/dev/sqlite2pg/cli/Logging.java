package dev.sqlite2pg.cli;

/**
 * Configures slf4j-simple before the first logger exists: progress ("STEP n: ...") on stderr at
 * INFO, -q for warnings only, -v for debug; the embedded server's own chatter only when -v.
 */
final class Logging {

  private Logging() {}

  static void configure(boolean verbose, boolean quiet) {
    String level = verbose ? "debug" : quiet ? "warn" : "info";
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.dev.sqlite2pg", level);
    System.setProperty("org.slf4j.simpleLogger.log.io.zonky", verbose ? "info" : "error");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showLogName", "false");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", verbose ? "true" : "false");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "false");
  }
}
