package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.pg.connect.ConnectionSpec.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and defaults of every target form, without a server. */
class ConnectionSpecTest {

  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path home;

  // No socket in the default directories: the tests must not depend on a server on this machine.
  private ConnectionSpec resolve(String target) {
    return ConnectionSpec.resolve(target, NO_ENV, home, LocalSocket.Defaults.NONE);
  }

  private ConnectionSpec resolve(String target, Map<String, String> env) {
    return ConnectionSpec.resolve(target, env, home, LocalSocket.Defaults.NONE);
  }

  @Test
  void readsAFullUri() {
    ConnectionSpec spec = resolve("postgresql://me:secret@db.example.com:6543/app?sslmode=require");
    assertThat(spec.hosts()).containsExactly(new Host("db.example.com", 6543));
    assertThat(spec.user()).isEqualTo("me");
    assertThat(spec.password()).isEqualTo("secret");
    assertThat(spec.database()).isEqualTo("app");
    assertThat(spec.sslMode()).isEqualTo("require");
    assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/app");
    assertThat(spec.displayUrl())
        .isEqualTo("postgresql://me:****@db.example.com:6543/app?sslmode=require");
  }

  @Test
  void acceptsThePostgresSchemeToo() {
    assertThat(resolve("postgres://u@h/d").hosts()).containsExactly(new Host("h", 5432));
  }

  @Test
  void percentDecodesEveryPart() {
    ConnectionSpec spec =
        resolve("postgresql://my%20user:p%40ss%3Aw%2Frd@h/my%20db?application_name=a%26b");
    assertThat(spec.user()).isEqualTo("my user");
    assertThat(spec.password()).isEqualTo("p@ss:w/rd");
    assertThat(spec.database()).isEqualTo("my db");
    assertThat(spec.properties()).containsEntry("ApplicationName", "a&b");
    // '+' is literal in libpq URIs (unlike form decoding).
    assertThat(resolve("postgresql://u:a+b@h/d").password()).isEqualTo("a+b");
    // and the JDBC URL re-encodes the name so that pgjdbc decodes it back.
    assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/my%20db");
  }

  @Test
  void takesAnUnencodedAtOrQuestionMarkInThePasswordAsLibpqUsersExpect() {
    assertThat(resolve("postgresql://me:p@ss?@host/db").password()).isEqualTo("p@ss?");
    // but '@' inside the query belongs to the query (Azure-style user names).
    ConnectionSpec spec = resolve("postgresql://host?user=me@corp");
    assertThat(spec.user()).isEqualTo("me@corp");
    assertThat(spec.hosts()).containsExactly(new Host("host", 5432));
  }

  @Test
  void readsIpv6AndSeveralHosts() {
    ConnectionSpec spec = resolve("postgresql://u@[::1]:5433,[fe80::1%25eth0],other:7000/d");
    assertThat(spec.hosts())
        .containsExactly(
            new Host("::1", 5433), new Host("fe80::1%25eth0", 5432), new Host("other", 7000));
    assertThat(spec.jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5433,[fe80::1%25eth0]:5432,other:7000/d");
  }

  @Test
  void queryParametersOverrideAndMapToPgjdbc() {
    ConnectionSpec spec =
        resolve(
            "postgresql:///ignored?host=h1,h2&port=1,2&dbname=real"
                + "&user=me&connect_timeout=3&target_session_attrs=read-write&keepalives=1"
                + "&options=-c%20search_path%3Dx&sslrootcert=/ca.pem&load_balance_hosts=random");
    assertThat(spec.hosts()).containsExactly(new Host("h1", 1), new Host("h2", 2));
    assertThat(spec.database()).isEqualTo("real");
    assertThat(spec.properties())
        .containsEntry("connectTimeout", "3")
        .containsEntry("targetServerType", "primary")
        .containsEntry("tcpKeepAlive", "true")
        .containsEntry("options", "-c search_path=x")
        .containsEntry("sslrootcert", "/ca.pem")
        .containsEntry("loadBalanceHosts", "true");
    assertThat(spec.jdbcProperties().getProperty("connectTimeout")).isEqualTo("3");
  }

  @Test
  void readsKeywordStrings() {
    ConnectionSpec spec =
        resolve(
            "host=localhost port = 5434 dbname='my app' user=me"
                + " password='it\\'s a secret' sslmode=disable");
    assertThat(spec.hosts()).containsExactly(new Host("localhost", 5434));
    assertThat(spec.database()).isEqualTo("my app");
    assertThat(spec.password()).isEqualTo("it's a secret");
    assertThat(spec.sslMode()).isEqualTo("disable");
  }

  @Test
  void keywordHostListsPairWithPortLists() {
    assertThat(resolve("host=a,b port=1,2 user=u").hosts())
        .containsExactly(new Host("a", 1), new Host("b", 2));
    assertThat(resolve("host=a,b port=7 user=u").hosts())
        .containsExactly(new Host("a", 7), new Host("b", 7));
    assertThatThrownBy(() -> resolve("host=a,b,c port=1,2 user=u"))
        .hasMessageContaining("could not match 2 port numbers to 3 hosts");
  }

  @Test
  void readsJdbcUrlsAndKeepsTheirProperties() {
    ConnectionSpec spec =
        resolve(
            "jdbc:postgresql://h:5555,h2/app?user=me&password=s%2Bcret&ssl=true&prepareThreshold=0");
    assertThat(spec.hosts()).containsExactly(new Host("h", 5555), new Host("h2", 5432));
    assertThat(spec.user()).isEqualTo("me");
    assertThat(spec.password()).isEqualTo("s+cret");
    // pgjdbc reads ssl=true without sslmode as verify-full.
    assertThat(spec.sslMode()).isEqualTo("verify-full");
    assertThat(spec.properties()).containsExactly(Map.entry("prepareThreshold", "0"));
    assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5555,h2:5432/app");
    assertThat(resolve("jdbc:postgresql:shortform?user=u").hosts())
        .containsExactly(new Host("localhost", 5432));
    assertThat(resolve("jdbc:postgresql:shortform?user=u").database()).isEqualTo("shortform");
  }

  @Test
  void defaultsLikePsql() {
    ConnectionSpec spec = resolve("postgresql://");
    String osUser = System.getProperty("user.name");
    assertThat(spec.hosts()).containsExactly(new Host("localhost", 5432));
    assertThat(spec.user()).isEqualTo(osUser);
    assertThat(spec.database()).isEqualTo(osUser);
    assertThat(spec.password()).isNull();
    assertThat(spec.sslMode()).isEqualTo("prefer");
    assertThat(spec.jdbcProperties())
        .containsEntry("ApplicationName", "sqlite2pg")
        .containsEntry("connectTimeout", "10")
        .containsEntry("sslmode", "prefer")
        .doesNotContainKey("password");
    // database defaults to the user given, not the OS user
    assertThat(resolve("postgresql://alice@h").database()).isEqualTo("alice");
  }

  @Test
  void environmentFillsWhatTheTargetLeavesOut() {
    Map<String, String> env =
        Map.of(
            "PGHOST",
            "envhost",
            "PGPORT",
            "6000",
            "PGUSER",
            "envuser",
            "PGPASSWORD",
            "envpw",
            "PGDATABASE",
            "envdb",
            "PGSSLMODE",
            "require");
    ConnectionSpec fromEnv = resolve("postgresql://", env);
    assertThat(fromEnv.hosts()).containsExactly(new Host("envhost", 6000));
    assertThat(fromEnv.user()).isEqualTo("envuser");
    assertThat(fromEnv.password()).isEqualTo("envpw");
    assertThat(fromEnv.database()).isEqualTo("envdb");
    assertThat(fromEnv.sslMode()).isEqualTo("require");
    ConnectionSpec explicit = resolve("postgresql://me:pw@h:1/db?sslmode=disable", env);
    assertThat(explicit.hosts()).containsExactly(new Host("h", 1));
    assertThat(explicit)
        .extracting(
            ConnectionSpec::user,
            ConnectionSpec::password,
            ConnectionSpec::database,
            ConnectionSpec::sslMode)
        .containsExactly("me", "pw", "db", "disable");
  }

  @Test
  void precedenceIsTargetThenDatabaseUrlThenPgVariablesThenEmbedded() {
    Map<String, String> all =
        Map.of("DATABASE_URL", "postgres://dburl@dbhost/x", "PGHOST", "pghost", "PGUSER", "pguser");
    assertThat(resolve("postgresql://t@target/x", all).hosts().get(0).name()).isEqualTo("target");
    assertThat(resolve(null, all).hosts().get(0).name()).isEqualTo("dbhost");
    assertThat(resolve(null, Map.of("PGHOST", "pghost", "PGUSER", "u")).hosts().get(0).name())
        .isEqualTo("pghost");
    assertThat(resolve(null, Map.of("PGDATABASE", "only")).database()).isEqualTo("only");
    // PGUSER or PGPASSWORD alone do not point at a server: start the embedded one.
    assertThat(resolve(null, Map.of("PGUSER", "u", "PGPASSWORD", "p"))).isNull();
    assertThat(resolve(null, Map.of("DATABASE_URL", ""))).isNull();
    assertThat(resolve(null, NO_ENV)).isNull();
  }

  @Test
  void explainsMalformedTargetsInOneLine() {
    assertThatThrownBy(() -> resolve("postgresql://x:y:z"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "target URL \"postgresql://x:y:z\" is not valid: port \"y:z\" is not a"
                + " number (expected postgresql://user@host:5432/dbname)");
    assertThatThrownBy(() -> resolve("postgresql://h:70000/d"))
        .hasMessageContaining("port 70000 is not between 1 and 65535");
    assertThatThrownBy(() -> resolve("postgresql://[::1/d"))
        .hasMessageContaining("has no closing ']'");
    assertThatThrownBy(() -> resolve("postgresql://h/d?sslmode=sometimes"))
        .hasMessageContaining("sslmode \"sometimes\" is not one of disable, allow, prefer");
    assertThatThrownBy(() -> resolve("postgresql://h/d?servce=prod"))
        .hasMessageContaining("parameter \"servce\" is not supported");
    assertThatThrownBy(() -> resolve("host=h dbname"))
        .hasMessageContaining("target connection string")
        .hasMessageContaining("missing '=' after \"dbname\"")
        .hasMessageContaining("(expected host=localhost port=5432 dbname=app user=me)");
    assertThatThrownBy(() -> resolve("mysql://h/d"))
        .hasMessageContaining("is not a PostgreSQL connection string");
    assertThatThrownBy(() -> resolve("")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> resolve(null, Map.of("PGHOST", "h", "PGPORT", "abc")))
        .hasMessageContaining("port \"abc\" (from PGPORT) is not a number");
    assertThatThrownBy(() -> resolve(null, Map.of("DATABASE_URL", "postgres://h:x/d")))
        .hasMessageStartingWith("DATABASE_URL \"postgres://h:x/d\" is not valid");
    assertThatThrownBy(() -> resolve("postgresql://h/d?connect_timeout=soon"))
        .hasMessageContaining("connect_timeout \"soon\" is not a number of seconds");
  }

  @Test
  void neverShowsThePassword() {
    String secret = "Sup3rS3cret";
    List<String> targets =
        List.of(
            "postgresql://me:" + secret + "@h/d",
            "postgresql://me@h/d?password=" + secret,
            "postgresql://me@h/d?sslpassword=" + secret,
            "host=h user=me password=" + secret,
            "host=h user=me password='" + secret + " x'",
            "jdbc:postgresql://h/d?user=me&password=" + secret);
    for (String target : targets) {
      ConnectionSpec spec = resolve(target);
      assertThat(spec.toString()).doesNotContain(secret).contains("****");
      assertThat(spec.displayUrl()).doesNotContain(secret);
      assertThat(spec.jdbcUrl()).doesNotContain(secret);
      assertThat(spec.hosts().toString()).doesNotContain(secret);
    }
    assertThat(resolve(null, Map.of("PGHOST", "h", "PGPASSWORD", secret)).toString())
        .doesNotContain(secret);
  }

  @Test
  void neverShowsThePasswordInErrors() {
    String secret = "Sup3rS3cret";
    List<String> broken =
        List.of(
            "postgresql://me:" + secret + "@h:notaport/d",
            "postgresql://me:" + secret + "@[::1/d",
            "postgresql://me:" + secret + "/x@h/d", // unencoded '/' in the password
            "postgresql://me:" + secret + "%zz@h/d", // bad percent-encoding in it
            "postgresql://me@h:bad/d?password=" + secret,
            "postgresql://me@h/d?password=" + secret + "&&",
            "host=h port=x password=" + secret,
            "host=h port=x password='" + secret + " and more'",
            "host=h password='" + secret, // unterminated quote
            "jdbc:postgresql://h/d?password=" + secret + "%zz",
            "jdbc:postgresql://[::1/d?password=" + secret);
    for (String target : broken) {
      assertThatThrownBy(() -> resolve(target), target)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("\n"));
    }
  }

  @Test
  void hostsPrintIpv6InBrackets() {
    assertThat(new Host("::1", 5432)).hasToString("[::1]:5432");
    assertThat(new Host("db", 5432)).hasToString("db:5432");
  }
}
