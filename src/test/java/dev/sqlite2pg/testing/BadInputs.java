package dev.sqlite2pg.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What every failure of the command line must look like: one line, the exit code, no secret. */
public final class BadInputs {

  /** In every target URL of these tests; it must never be printed. */
  public static final String SECRET = "S3cret-Pa55word";

  private BadInputs() {}

  /**
   * A fresh database on the shared test server, as a libpq URI carrying {@link #SECRET} (the server
   * trusts local logins, so the password is sent but not needed).
   */
  public static String targetWithPassword(String hint) {
    String jdbc = TestPostgres.newDatabase(hint);
    return uriFor(databaseOf(jdbc));
  }

  public static String uriFor(String database) {
    return "postgresql://postgres:"
        + SECRET
        + "@localhost:"
        + TestPostgres.port()
        + "/"
        + database
        + "?sslmode=disable";
  }

  public static String databaseOf(String jdbcUrl) {
    return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1, jdbcUrl.indexOf('?'));
  }

  /**
   * Asserts the run failed with {@code exitCode} and exactly one line on stderr, {@code sqlite2pg:
   * error: ...}, holding every one of {@code words}; no stack trace, no password.
   *
   * @return the message after "sqlite2pg: error: "
   */
  public static String assertOneLine(CliRun run, int exitCode, String... words) {
    assertThat(run.errLines()).as("stderr").hasSize(1);
    String line = run.errLines().get(0);
    assertThat(line).startsWith("sqlite2pg: error: ");
    for (String w : words) {
      assertThat(line).containsIgnoringCase(w);
    }
    assertNothingLeaks(run);
    assertThat(run.exitCode()).as("exit code of: " + line).isEqualTo(exitCode);
    return line.substring("sqlite2pg: error: ".length());
  }

  /** No stack trace, no exception class names, no password anywhere in the output. */
  public static void assertNothingLeaks(CliRun run) {
    for (String text : List.of(run.out(), run.err())) {
      assertThat(text)
          .doesNotContain(SECRET)
          .doesNotContain("Exception")
          .doesNotContain("\tat ")
          .doesNotContain("Caused by");
    }
  }

  /** The tables in schema {@code schema} of the database at {@code jdbcUrl}. */
  public static List<String> tables(String jdbcUrl, String schema) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = TestPostgres.connect(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = '"
                    + schema
                    + "' ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
