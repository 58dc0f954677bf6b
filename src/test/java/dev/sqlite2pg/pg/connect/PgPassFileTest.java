package dev.sqlite2pg.pg.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.pgpass as libpq reads it, through ConnectionSpec.resolve with a temporary HOME. */
class PgPassFileTest {

  @TempDir Path home;

  private void pgpass(String content, String permissions) throws IOException {
    Path file = home.resolve(".pgpass");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
  }

  private ConnectionSpec resolve(String target) {
    return ConnectionSpec.resolve(target, Map.of(), home);
  }

  @Test
  void firstMatchingLineWinsAndStarMatchesAnything() throws IOException {
    pgpass(
        """
        # comment:lines:are:skipped:x
        other:5432:app:me:wrong-host
        db:5432:app:me:exact
        *:*:*:me:fallback
        """,
        "rw-------");
    assertThat(resolve("postgresql://me@db/app").password()).isEqualTo("exact");
    assertThat(resolve("postgresql://me@db:6000/app").password()).isEqualTo("fallback");
    assertThat(resolve("postgresql://you@db/app").password()).isNull();
  }

  @Test
  void backslashEscapesColonsAndBackslashes() throws IOException {
    pgpass(
        "fe80\\:\\:1:5432:we\\\\ird\\:db:me:pa\\:ss\\\\word:ignored-after-colon\r\n", "rw-------");
    ConnectionSpec spec = resolve("postgresql://me@[fe80::1]/we%5Cird%3Adb");
    assertThat(spec.password()).isEqualTo("pa:ss\\word");
  }

  @Test
  void starIsAWildcardOnlyAsAWholeField() throws IOException {
    pgpass("d*:5432:*:me:nope\n", "rw-------");
    assertThat(resolve("postgresql://me@db/app").password()).isNull();
  }

  @Test
  void triesEachHostInOrder() throws IOException {
    pgpass("second:5432:app:me:two\n", "rw-------");
    assertThat(resolve("postgresql://me@first,second/app").password()).isEqualTo("two");
  }

  @Test
  void aGivenPasswordWinsOverTheFileAndPgpasswordToo() throws IOException {
    pgpass("*:*:*:*:fromfile\n", "rw-------");
    assertThat(resolve("postgresql://me:given@h/d").password()).isEqualTo("given");
    assertThat(
            ConnectionSpec.resolve("postgresql://me@h/d", Map.of("PGPASSWORD", "env"), home)
                .password())
        .isEqualTo("env");
    assertThat(resolve("postgresql://me@h/d").password()).isEqualTo("fromfile");
  }

  @Test
  void ignoresAFileOthersCanReadAndSaysSo() throws IOException {
    pgpass("*:*:*:*:exposed\n", "rw-r-----");
    ConnectionSpec spec = resolve("postgresql://me@h/d");
    assertThat(spec.password()).isNull();
    assertThat(spec.warnings())
        .singleElement()
        .asString()
        .startsWith("WARNING: password file \"" + home.resolve(".pgpass") + "\"")
        .contains("has group or world access; permissions should be u=rw (0600) or less")
        .doesNotContain("exposed");
  }

  @Test
  void pgpassfileVariableAndPassfileKeywordNameTheFile() throws IOException {
    Path elsewhere = home.resolve("elsewhere");
    Files.writeString(elsewhere, "*:*:*:*:fromelsewhere\n");
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("r--------"));
    assertThat(
            ConnectionSpec.resolve(
                    "postgresql://me@h/d", Map.of("PGPASSFILE", elsewhere.toString()), home)
                .password())
        .isEqualTo("fromelsewhere");
    assertThat(resolve("host=h user=me passfile=" + elsewhere).password())
        .isEqualTo("fromelsewhere");
  }

  @Test
  void aMissingFileIsNoProblem() {
    ConnectionSpec spec = resolve("postgresql://me@h/d");
    assertThat(spec.password()).isNull();
    assertThat(spec.warnings()).isEmpty();
  }

  @Test
  void matchesTheDefaultsThatWereFilledIn() throws IOException {
    String osUser = System.getProperty("user.name");
    pgpass("localhost:5432:" + osUser + ":" + osUser + ":defaults\n", "rw-------");
    assertThat(resolve("postgresql://").password()).isEqualTo("defaults");
  }
}
