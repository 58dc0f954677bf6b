package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.pg.connect.ConnectionSpec;
import dev.sqlite2pg.pg.connect.SpecConnector;
import dev.sqlite2pg.prepare.BouncerSnippet;
import dev.sqlite2pg.prepare.PrepareScript;
import dev.sqlite2pg.prepare.Preparer;
import java.util.Optional;

/**
 * {@code sqlite2pg prepare}: a database made ready for the migration, idempotently: the database, a
 * migration role that owns it and its schema, a least-privilege application role with default
 * privileges on what the migration role creates later.
 *
 * <pre>{@code
 * PrepareResult r = Preparation.run(Targets.of("postgresql://postgres@db/postgres"),
 *     new PrepareOptions("app", "app_owner", Optional.of("app_user"), "public", passwords));
 * }</pre>
 */
public final class Preparation {

  private static final String PLACEHOLDER_HOST = "DB_HOST";
  private static final int DEFAULT_PORT = 5432;

  private Preparation() {}

  /**
   * Makes it so on the server, checking each step first; a second run changes nothing.
   *
   * @param admin the server, connected to any existing database as a role that may create roles and
   *     databases (a superuser, or CREATEROLE and CREATEDB), from {@link Targets}
   * @throws MigrationException TARGET when the server refuses (one line, never a password)
   */
  public static PrepareResult run(TargetConnector admin, PrepareOptions options) {
    ConnectionSpec spec = spec(admin);
    TargetConnector database = new SpecConnector(spec.withDatabase(options.database()));
    return new PrepareResult(
        admin.display(),
        new Preparer(options, admin, database).run(),
        BouncerSnippet.render(options, spec.hosts().get(0).name(), spec.hosts().get(0).port()));
  }

  /**
   * The same steps as a psql script for a DBA, written without connecting; it holds no password
   * (psql's {@code \password} sets them). The target, when given, only names the server in the
   * PgBouncer configuration at its end.
   */
  public static String script(PrepareOptions options, Optional<TargetConnector> target) {
    Optional<ConnectionSpec.Host> host =
        target.filter(SpecConnector.class::isInstance).map(t -> spec(t).hosts().get(0));
    String bouncer =
        BouncerSnippet.render(
            options,
            host.map(ConnectionSpec.Host::name).orElse(PLACEHOLDER_HOST),
            host.map(ConnectionSpec.Host::port).orElse(DEFAULT_PORT));
    return new PrepareScript(options).render(bouncer);
  }

  private static ConnectionSpec spec(TargetConnector admin) {
    if (admin instanceof SpecConnector s) {
      return s.spec();
    }
    throw new MigrationException(
        Code.BAD_ARGUMENTS,
        "prepare connects to the new database with the target's credentials: name the target with"
            + " Targets.of(url) or Targets.embedded(...)");
  }
}
