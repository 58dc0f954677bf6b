package dev.sqlite2pg.cli;

import dev.sqlite2pg.SyncServe;
import java.net.InetSocketAddress;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --http} and {@code --max-lag} of {@code sync start} and {@code sync run}. */
final class ServeOptions {

  @Option(
      names = "--http",
      paramLabel = "HOST:PORT",
      converter = HttpAddressConverter.class,
      description =
          "Serve /metrics (Prometheus), /health (200 or 503), /status (the JSON of sync status)"
              + " and a status page at / while following; :PORT listens on every interface,"
              + " localhost:PORT on this host only.")
  InetSocketAddress http;

  @Mixin MaxLagOption lag;

  SyncServe serve() {
    return new SyncServe(Optional.ofNullable(http), lag.maxLag);
  }
}
