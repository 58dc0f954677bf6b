package dev.sqlite2pg.pg.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses pgjdbc URLs: {@code jdbc:postgresql://host:port,host2:port2/dbname?prop=value} and the
 * short {@code jdbc:postgresql:dbname}. User, password, sslmode and service are taken out so they
 * can be defaulted, resolved and masked like any other target's; every other property passes
 * through to pgjdbc unchanged. Decoding follows pgjdbc (URLDecoder, so '+' means a space).
 */
final class JdbcUrlParser {

  private static final String PREFIX = "jdbc:postgresql:";

  private JdbcUrlParser() {}

  static TargetSyntax parse(String url) {
    TargetSyntax syntax = TargetSyntax.empty();
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    String path = query < 0 ? rest : rest.substring(0, query);
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      hosts(slash < 0 ? path.substring(2) : path.substring(2, slash), syntax.keywords());
      path = slash < 0 ? "" : path.substring(slash + 1);
    }
    String dbname = decode(path, "the database name");
    if (!dbname.isEmpty()) {
      syntax.keywords().put("dbname", dbname);
    }
    if (query >= 0) {
      properties(rest.substring(query + 1), syntax);
    }
    return syntax;
  }

  private static void hosts(String hostList, Map<String, String> keywords) {
    if (hostList.isEmpty()) {
      return;
    }
    List<String> hosts = new ArrayList<>();
    List<String> ports = new ArrayList<>();
    for (String hostPort : hostList.split(",", -1)) {
      int close = hostPort.startsWith("[") ? hostPort.indexOf(']') : -1;
      if (hostPort.startsWith("[") && close < 0) {
        throw new TargetSyntax.Invalid("IPv6 host \"" + hostPort + "\" has no closing ']'");
      }
      int colon = hostPort.indexOf(':', Math.max(close, 0));
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      hosts.add(close > 0 ? host.substring(1, close) : host);
      ports.add(colon < 0 ? "" : hostPort.substring(colon + 1));
    }
    keywords.put("host", String.join(",", hosts));
    if (ports.stream().anyMatch(p -> !p.isEmpty())) {
      keywords.put("port", String.join(",", ports));
    }
  }

  private static void properties(String query, TargetSyntax syntax) {
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq), "a property name");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "property " + key);
      switch (key) {
        case "user", "password", "sslmode", "service" -> syntax.keywords().put(key, value);
        default -> syntax.driverProperties().put(key, value);
      }
    }
  }

  /** Names the part, never echoes the text: it may be a password. */
  private static String decode(String text, String part) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TargetSyntax.Invalid(part + " has an invalid percent-encoding (write %XX)");
    }
  }
}
