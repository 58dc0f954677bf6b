package dev.sqlite2pg.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --max-lag}: the most lag that counts as healthy, for sync status and /health. */
final class MaxLagOption {

  @Option(
      names = "--max-lag",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "The most lag that counts as healthy (default: ${DEFAULT-VALUE}).")
  Duration maxLag;
}
