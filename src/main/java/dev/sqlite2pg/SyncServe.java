package dev.sqlite2pg;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How a following sync shows itself: where it serves {@code /metrics}, {@code /health}, {@code
 * /status} and its status page ({@code --http}; none when empty), and the lag over which it counts
 * as unhealthy ({@code --max-lag}).
 */
public record SyncServe(Optional<InetSocketAddress> http, Duration maxLag) {

  /** No HTTP endpoint; healthy within a second. */
  public static final SyncServe NONE = new SyncServe(Optional.empty(), Duration.ofSeconds(1));
}
