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
 * Turns what a target said into a {@link ConnectionSpec}: fills gaps from its service, then PG*
 * variables, then psql's defaults (libpq's conninfo_add_defaults, in that order), finds the
 * password in ~/.pgpass, and translates libpq keywords to pgjdbc properties. libpq refuses keywords
 * it does not know, and so does this.
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

  /** What a service file may set: every keyword but service itself. */
  private static final Set<String> IN_SERVICE = inService();

  private static final Set<String> STRICT_SSL = Set.of("require", "verify-ca", "verify-full");

  private final Map<String, String> values = new HashMap<>();
  private final Map<String, String> origins = new HashMap<>();
  private final LocalSocket.Defaults sockets;

  private TargetResolver(LocalSocket.Defaults sockets) {
    this.sockets = sockets;
  }

  static ConnectionSpec resolve(
      TargetSyntax syntax,
      Map<String, String> env,
      Path home,
      String osUser,
      LocalSocket.Defaults sockets) {
    TargetResolver resolver = new TargetResolver(sockets);
    resolver.explicit(syntax.keywords());
    resolver.service(env, home);
    resolver.environment(env);
    return resolver.build(syntax.driverProperties(), env, home, osUser);
  }

  private void explicit(Map<String, String> keywords) {
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
  }

  /**
   * The service's keywords where the target gave none. The service is the target's {@code
   * service=}, else PGSERVICE; libpq applies it before the environment, so the service file's
   * port=5433 wins over PGPORT=5432.
   */
  private void service(Map<String, String> env, Path home) {
    String name = values.containsKey("service") ? values.get("service") : env.get("PGSERVICE");
    if (!ConnectionSpec.isSet(name)) {
      return;
    }
    ServiceFile.Found found = ServiceFile.lookup(name, env, home, IN_SERVICE);
    found
        .keywords()
        .forEach(
            (keyword, value) -> {
              if (!values.containsKey(keyword) && ConnectionSpec.isSet(value)) {
                values.put(keyword, value);
                origins.put(keyword, "service " + name + " in " + found.file());
              }
            });
  }

  private void environment(Map<String, String> env) {
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
    List<String> warnings = new ArrayList<>();
    String sslMode = sslMode(properties);
    if (hosts.get(0).isSocket()) {
      sslMode = overSocket(sslMode, warnings);
    }
    String password = values.get("password");
    if (password == null) {
      password = fromPasswordFile(hosts, database, user, env, home, warnings);
    }
    return new ConnectionSpec(hosts, database, user, password, sslMode, properties, warnings);
  }

  private List<Host> hosts() {
    String[] names = values.getOrDefault("host", "").split(",", -1);
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
    if (names.length == 1 && names[0].isEmpty()) {
      // No host: libpq's default is its socket directory; TCP to localhost where none is here.
      int port = port(ports[0]);
      return List.of(new Host(sockets.directory(port).orElse("localhost"), port));
    }
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      String name = names[i].isEmpty() ? "localhost" : socketDirectory(names[i]);
      if (LocalSocket.isSocket(name) && names.length > 1) {
        throw new TargetSyntax.Invalid(
            "the Unix-domain socket directory \""
                + name
                + "\""
                + from("host")
                + " cannot be one of several hosts (the driver takes one socket per connection);"
                + " name the socket alone, or list TCP hosts only");
      }
      hosts.add(new Host(name, port(ports.length == 1 ? ports[0] : ports[i])));
    }
    return hosts;
  }

  /** A socket directory without its trailing '/'; refuses Linux's abstract sockets ("@name"). */
  private String socketDirectory(String name) {
    if (name.startsWith("@")) {
      throw new TargetSyntax.Invalid(
          "host \""
              + name
              + "\""
              + from("host")
              + " is an abstract Unix-domain socket, which is not supported; name the socket's"
              + " directory (host=/var/run/postgresql) or a TCP host");
    }
    String trimmed = name;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
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

  /**
   * libpq never uses SSL over a Unix-domain socket (the server does not offer it there), whatever
   * sslmode says; the driver is told sslmode=disable, and a demand for SSL is answered aloud.
   */
  private String overSocket(String mode, List<String> warnings) {
    if (STRICT_SSL.contains(mode)) {
      warnings.add(
          "sslmode="
              + mode
              + from("sslmode")
              + " does not apply to a Unix-domain socket: the connection is local and"
              + " unencrypted, as with psql");
    }
    return "disable";
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
      String name = host.isSocket() ? LocalSocket.pgpassHost(host.name()) : host.name();
      PgPassFile.Result found = PgPassFile.lookup(file, name, host.port(), database, user);
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

  /**
   * " (from PGPORT)" or " (from service app in /home/me/.pg_service.conf)" when the value came from
   * elsewhere: the user did not type it.
   */
  private String from(String keyword) {
    String variable = origins.get(keyword);
    return variable == null ? "" : " (from " + variable + ")";
  }

  private static Set<String> supported() {
    Set<String> all = new TreeSet<>(ENVIRONMENT.keySet());
    all.addAll(SAME_MEANING.keySet());
    all.addAll(List.of("keepalives", "fallback_application_name", "service"));
    return all;
  }

  private static Set<String> inService() {
    Set<String> all = new TreeSet<>(SUPPORTED);
    all.remove("service");
    return all;
  }
}
