package dev.sqlite2pg.pg.connect;

import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what a target said into a {@link ConnectionSpec}: fills gaps from PG* variables and psql's
 * defaults, finds the password in ~/.pgpass, and translates libpq keywords to pgjdbc properties.
 * libpq refuses keywords it does not know, and so does this.
 */
final class TargetResolver {

  private static final int DEFAULT_PORT = 5432;

  /** libpq keyword to the environment variable libpq reads when the keyword is absent. */
  private static final Map<String, String> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("host", "PGHOST"),
          Map.entry("port", "PGPORT"),
          Map.entry("dbname", "PGDATABASE"),
          Map.entry("user", "PGUSER"),
          Map.entry("password", "PGPASSWORD"),
          Map.entry("passfile", "PGPASSFILE"),
          Map.entry("sslmode", "PGSSLMODE"),
          Map.entry("connect_timeout", "PGCONNECT_TIMEOUT"),
          Map.entry("application_name", "PGAPPNAME"),
          Map.entry("options", "PGOPTIONS"),
          Map.entry("sslrootcert", "PGSSLROOTCERT"),
          Map.entry("sslcert", "PGSSLCERT"),
          Map.entry("sslkey", "PGSSLKEY"),
          Map.entry("target_session_attrs", "PGTARGETSESSIONATTRS"),
          Map.entry("gssencmode", "PGGSSENCMODE"),
          Map.entry("load_balance_hosts", "PGLOADBALANCEHOSTS"),
          Map.entry("client_encoding", "PGCLIENTENCODING"));

  /** libpq keywords that map one to one onto a pgjdbc property. */
  private static final Map<String, String> SAME_MEANING =
      Map.of(
          "connect_timeout", "connectTimeout",
          "application_name", "ApplicationName",
          "options", "options",
          "sslrootcert", "sslrootcert",
          "sslcert", "sslcert",
          "sslkey", "sslkey",
          "sslpassword", "sslpassword",
          "gssencmode", "gssEncMode");

  private static final Map<String, String> TARGET_SERVER_TYPE =
      Map.of(
          "any",
          "any",
          "read-write",
          "primary",
          "primary",
          "primary",
          "read-only",
          "secondary",
          "standby",
          "secondary",
          "prefer-standby",
          "preferSecondary");

  private static final Set<String> SUPPORTED = supported();

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> origins = new HashMap<>();

  private TargetResolver() {}

  static ConnectionSpec resolve(
      TargetSyntax syntax, Map<String, String> env, Path home, String osUser) {
    TargetResolver resolver = new TargetResolver();
    resolver.collect(syntax.keywords(), env);
    return resolver.build(syntax.driverProperties(), env, home, osUser);
  }

  private void collect(Map<String, String> keywords, Map<String, String> env) {
    for (Map.Entry<String, String> given : keywords.entrySet()) {
      if (!SUPPORTED.contains(given.getKey())) {
        throw new TargetSyntax.Invalid(
            "parameter \""
                + given.getKey()
                + "\" is not supported"
                + " (supported: "
                + String.join(", ", SUPPORTED)
                + ")");
      }
      if (ConnectionSpec.isSet(given.getValue())) {
        values.put(given.getKey(), given.getValue());
      }
    }
    ENVIRONMENT.forEach(
        (keyword, variable) -> {
          if (!values.containsKey(keyword) && ConnectionSpec.isSet(env.get(variable))) {
            values.put(keyword, env.get(variable));
            origins.put(keyword, variable);
          }
        });
  }

  private ConnectionSpec build(
      Map<String, String> driverProperties, Map<String, String> env, Path home, String osUser) {
    List<Host> hosts = hosts();
    String user = values.getOrDefault("user", osUser);
    String database = values.getOrDefault("dbname", user);
    Map<String, String> properties = new LinkedHashMap<>(translate());
    properties.putAll(driverProperties);
    String sslMode = sslMode(properties);
    List<String> warnings = new ArrayList<>();
    String password = values.get("password");
    if (password == null) {
      password = fromPasswordFile(hosts, database, user, env, home, warnings);
    }
    return new ConnectionSpec(hosts, database, user, password, sslMode, properties, warnings);
  }

  private List<Host> hosts() {
    String[] names = values.getOrDefault("host", "localhost").split(",", -1);
    String[] ports = values.getOrDefault("port", "").split(",", -1);
    if (ports.length != 1 && ports.length != names.length) {
      throw new TargetSyntax.Invalid(
          "could not match "
              + ports.length
              + " port numbers to "
              + names.length
              + " hosts"
              + from("port"));
    }
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      String name = names[i].isEmpty() ? "localhost" : names[i];
      if (name.startsWith("/") || name.startsWith("@")) {
        throw new TargetSyntax.Invalid(
            "host \""
                + name
                + "\""
                + from("host")
                + " is a Unix-domain"
                + " socket, which pgjdbc cannot use without extra libraries; connect over TCP"
                + " instead, e.g. host=localhost port=5432");
      }
      hosts.add(new Host(name, port(ports.length == 1 ? ports[0] : ports[i])));
    }
    return hosts;
  }

  private int port(String text) {
    if (text.isEmpty()) {
      return DEFAULT_PORT;
    }
    int port;
    try {
      port = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new TargetSyntax.Invalid("port \"" + text + "\"" + from("port") + " is not a number");
    }
    if (port < 1 || port > 65535) {
      throw new TargetSyntax.Invalid("port " + port + from("port") + " is not between 1 and 65535");
    }
    return port;
  }

  private String sslMode(Map<String, String> properties) {
    // pgjdbc reads ssl=true without sslmode as verify-full; keep that meaning explicit here.
    String ssl = properties.remove("ssl");
    String mode = values.get("sslmode");
    if (mode == null) {
      mode = ssl != null && !ssl.equalsIgnoreCase("false") ? "verify-full" : "prefer";
    }
    if (!ConnectionSpec.SSL_MODES.contains(mode)) {
      throw new TargetSyntax.Invalid(
          "sslmode \""
              + mode
              + "\""
              + from("sslmode")
              + " is not one of "
              + String.join(", ", ConnectionSpec.SSL_MODES));
    }
    return mode;
  }

  /** libpq keywords other than host, port, dbname, user, password, passfile and sslmode. */
  private Map<String, String> translate() {
    Map<String, String> properties = new LinkedHashMap<>();
    SAME_MEANING.forEach(
        (keyword, property) -> {
          if (values.containsKey(keyword)) {
            properties.put(property, values.get(keyword));
          }
        });
    if (properties.containsKey("connectTimeout")) {
      nonNegative("connect_timeout", properties.get("connectTimeout"));
    }
    String attrs = values.get("target_session_attrs");
    if (attrs != null) {
      properties.put("targetServerType", oneOf("target_session_attrs", attrs, TARGET_SERVER_TYPE));
    }
    String keepalives = values.get("keepalives");
    if (keepalives != null) {
      properties.put(
          "tcpKeepAlive", oneOf("keepalives", keepalives, Map.of("1", "true", "0", "false")));
    }
    String balance = values.get("load_balance_hosts");
    if (balance != null) {
      properties.put(
          "loadBalanceHosts",
          oneOf("load_balance_hosts", balance, Map.of("random", "true", "disable", "false")));
    }
    String encoding = values.get("client_encoding");
    if (encoding != null && !encoding.replace("-", "").equalsIgnoreCase("UTF8")) {
      // pgjdbc always talks UTF8 and converts in Java; another encoding would not be honoured.
      throw new TargetSyntax.Invalid(
          "client_encoding \""
              + encoding
              + "\""
              + from("client_encoding")
              + " is not supported; remove it (the driver always uses UTF8)");
    }
    return properties;
  }

  private String fromPasswordFile(
      List<Host> hosts,
      String database,
      String user,
      Map<String, String> env,
      Path home,
      List<String> warnings) {
    Path file =
        values.containsKey("passfile") ? Path.of(values.get("passfile")) : home.resolve(".pgpass");
    for (Host host : hosts) {
      PgPassFile.Result found = PgPassFile.lookup(file, host.name(), host.port(), database, user);
      if (found.warning().isPresent()) {
        warnings.add(found.warning().get());
        return null;
      }
      if (found.password().isPresent()) {
        return found.password().get();
      }
    }
    return null;
  }

  private void nonNegative(String keyword, String text) {
    try {
      if (Integer.parseInt(text) >= 0) {
        return;
      }
    } catch (NumberFormatException e) {
      // Reported below with the expected form.
    }
    throw new TargetSyntax.Invalid(
        keyword + " \"" + text + "\"" + from(keyword) + " is not a number of seconds");
  }

  private String oneOf(String keyword, String value, Map<String, String> meanings) {
    String meaning = meanings.get(value.toLowerCase(Locale.ROOT));
    if (meaning == null) {
      throw new TargetSyntax.Invalid(
          keyword
              + " \""
              + value
              + "\""
              + from(keyword)
              + " is not one of "
              + String.join(", ", new TreeSet<>(meanings.keySet())));
    }
    return meaning;
  }

  /** " (from PGPORT)" when the value came from the environment: the user did not type it. */
  private String from(String keyword) {
    String variable = origins.get(keyword);
    return variable == null ? "" : " (from " + variable + ")";
  }

  private static Set<String> supported() {
    Set<String> all = new TreeSet<>(ENVIRONMENT.keySet());
    all.addAll(SAME_MEANING.keySet());
    all.addAll(List.of("keepalives", "fallback_application_name"));
    return all;
  }
}
