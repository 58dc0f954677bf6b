package dev.sqlite2pg.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --http HOST:PORT}: {@code localhost:9187} serves this host only, {@code :9187} every
 * interface (as Prometheus exporters' {@code --web.listen-address} does), port 0 any free port.
 */
final class HttpAddressConverter implements ITypeConverter<InetSocketAddress> {

  @Override
  public InetSocketAddress convert(String value) {
    int colon = value.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (colon < 0 || port < 0 || port > 65_535) {
      throw new TypeConversionException(
          "'" + value + "' is not HOST:PORT: write localhost:9187, or :9187 for every interface");
    }
    String host = value.substring(0, colon).replaceAll("^\\[|\\]$", "");
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
