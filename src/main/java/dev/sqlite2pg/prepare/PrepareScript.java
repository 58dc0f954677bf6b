package dev.sqlite2pg.prepare;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.PrepareOptions;
import dev.sqlite2pg.sql.PgLiterals;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps as a psql script for a DBA: each statement is selected only when its check says it is
 * needed and run by {@code \gexec}, which, unlike a DO block, can run CREATE DATABASE; so the
 * script, like the command, can run twice. It holds no password: it ends with {@code \password}
 * lines, with which psql asks for each one and sends only its SCRAM verifier.
 */
public final class PrepareScript {

  private final PrepareOptions options;

  public PrepareScript(PrepareOptions options) {
    this.options = options;
  }

  public String render(String bouncer) {
    StringBuilder sb = new StringBuilder();
    header(sb);
    boolean connected = false;
    for (Step step : Steps.of(options)) {
      if (step.inDatabase() && !connected) {
        sb.append("\n\\connect ").append(quote(options.database())).append('\n');
        connected = true;
      }
      sb.append("\n-- ").append(step.what()).append('\n');
      sb.append("SELECT ")
          .append(PgLiterals.string(step.action()))
          .append(" WHERE NOT (")
          .append(inline(step))
          .append(")\n\\gexec\n");
    }
    passwords(sb);
    sb.append('\n').append(comment(bouncer));
    return sb.toString();
  }

  private void header(StringBuilder sb) {
    sb.append("-- sqlite2pg prepare: database ")
        .append(options.database())
        .append(", migration role ")
        .append(options.owner())
        .append(options.appRole().map(r -> ", application role " + r).orElse(""))
        .append(", schema ")
        .append(options.schema())
        .append(
            """
            .
            -- Run it as a superuser (or a role with CREATEROLE and CREATEDB that is a member of the
            -- roles) connected to an existing database, e.g.:
            --   psql -X -v ON_ERROR_STOP=1 -d postgres -f prepare.sql
            -- Each statement runs only when its check finds it needed, so running it again changes
            -- nothing.
            """);
  }

  private void passwords(StringBuilder sb) {
    List<String> roles = new ArrayList<>();
    roles.add(options.owner());
    options.appRole().ifPresent(roles::add);
    sb.append(
        """

        -- Passwords: psql asks for each one and sends only its SCRAM-SHA-256 verifier, so the
        -- clear text is neither in this file nor in the server's log. Run these in an interactive
        -- psql (they are comments here, so that the script also runs unattended):
        """);
    for (String role : roles) {
      sb.append("--   \\password ").append(quote(role)).append('\n');
    }
  }

  /** The check with its parameters as literals: the script is read, not executed by us. */
  private static String inline(Step step) {
    StringBuilder sb = new StringBuilder();
    int next = 0;
    for (char ch : step.check().toCharArray()) {
      // The checks hold no '?' besides their parameters (no JSON operators, no '?' in strings).
      if (ch == '?') {
        sb.append(PgLiterals.string(step.params().get(next++)));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static String comment(String text) {
    StringBuilder sb = new StringBuilder();
    text.lines().forEach(l -> sb.append(l.isEmpty() ? "--" : "-- " + l).append('\n'));
    return sb.toString();
  }
}
