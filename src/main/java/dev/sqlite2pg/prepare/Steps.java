package dev.sqlite2pg.prepare;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.PrepareOptions;
import dev.sqlite2pg.sql.SqlResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The steps of a preparation, in the order they must run: roles, then the database (CREATE DATABASE
 * runs on its own, outside any transaction, so it is guarded by a look at pg_database rather than a
 * DO block), then, connected to it, the schema and the grants.
 */
final class Steps {

  static final String TABLE_DML = "SELECT, INSERT, UPDATE, DELETE";
  static final String SEQUENCE_USE = "USAGE, SELECT";

  private final PrepareOptions o;
  private final List<Step> steps = new ArrayList<>();

  private Steps(PrepareOptions o) {
    this.o = o;
  }

  static List<Step> of(PrepareOptions o) {
    Steps s = new Steps(o);
    s.role(o.owner(), "the migration role");
    o.appRole().ifPresent(r -> s.role(r, "the application role"));
    s.database();
    o.appRole().ifPresent(s::connect);
    s.schema();
    o.appRole().ifPresent(s::grants);
    return List.copyOf(s.steps);
  }

  /** A check from its resource, without the comment lines (which the psql script inlines). */
  private static String query(String name) {
    return SqlResources.load(name)
        .lines()
        .filter(l -> !l.startsWith("--"))
        .collect(Collectors.joining("\n"))
        .strip();
  }

  private void role(String role, String purpose) {
    steps.add(
        new Step(
            "role " + role + " (" + purpose + ")",
            false,
            "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = ?)",
            List.of(role),
            "CREATE ROLE " + quote(role) + " LOGIN",
            Optional.of(role)));
    steps.add(
        Step.server(
            "role " + role + " may log in",
            "SELECT coalesce((SELECT rolcanlogin FROM pg_roles WHERE rolname = ?), false)",
            List.of(role),
            "ALTER ROLE " + quote(role) + " LOGIN"));
  }

  private void database() {
    String db = quote(o.database());
    String owner = quote(o.owner());
    steps.add(
        Step.server(
            "database " + o.database() + " (UTF8)",
            "SELECT EXISTS (SELECT FROM pg_database WHERE datname = ?)",
            List.of(o.database()),
            // template0: the only template whose encoding may differ from the cluster's; SQLite's
            // text is UTF-8 and a SQL_ASCII database would take any byte without a check.
            "CREATE DATABASE " + db + " OWNER " + owner + " TEMPLATE template0 ENCODING 'UTF8'"));
    steps.add(
        Step.server(
            "database " + o.database() + " owned by " + o.owner(),
            query("pg-prepare-database-owner"),
            List.of(o.database(), o.owner()),
            "ALTER DATABASE " + db + " OWNER TO " + owner));
    steps.add(
        Step.server(
            "database " + o.database() + ": no CONNECT or TEMPORARY for PUBLIC",
            query("pg-prepare-database-public"),
            List.of(o.database()),
            "REVOKE ALL ON DATABASE " + db + " FROM PUBLIC"));
  }

  private void schema() {
    String schema = quote(o.schema());
    String owner = quote(o.owner());
    steps.add(
        Step.database(
            "schema " + o.schema(),
            "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = ?)",
            List.of(o.schema()),
            "CREATE SCHEMA " + schema + " AUTHORIZATION " + owner));
    steps.add(
        Step.database(
            "schema " + o.schema() + " owned by " + o.owner(),
            query("pg-prepare-schema-owner"),
            List.of(o.schema(), o.owner()),
            "ALTER SCHEMA " + schema + " OWNER TO " + owner));
    // PostgreSQL 14 and older let every role create tables in public; 15 no longer does.
    steps.add(
        Step.database(
            "schema " + o.schema() + ": no CREATE for PUBLIC",
            query("pg-prepare-schema-public"),
            List.of(o.schema()),
            "REVOKE CREATE ON SCHEMA " + schema + " FROM PUBLIC"));
  }

  private void connect(String app) {
    steps.add(
        Step.server(
            "CONNECT on database " + o.database() + " for " + app,
            "SELECT has_database_privilege(?, ?, 'CONNECT')",
            List.of(app, o.database()),
            "GRANT CONNECT ON DATABASE " + quote(o.database()) + " TO " + quote(app)));
  }

  private void grants(String app) {
    String schema = quote(o.schema());
    String to = " TO " + quote(app);
    steps.add(
        Step.database(
            "USAGE on schema " + o.schema() + " for " + app,
            "SELECT has_schema_privilege(?, ?, 'USAGE')",
            List.of(app, o.schema()),
            "GRANT USAGE ON SCHEMA " + schema + to));
    steps.add(
        Step.database(
            TABLE_DML + " on the tables of " + o.schema() + " for " + app,
            query("pg-prepare-table-grants"),
            List.of(o.schema(), app),
            "GRANT " + TABLE_DML + " ON ALL TABLES IN SCHEMA " + schema + to));
    steps.add(
        Step.database(
            SEQUENCE_USE + " on the sequences of " + o.schema() + " for " + app,
            query("pg-prepare-sequence-grants"),
            List.of(o.schema(), app),
            "GRANT " + SEQUENCE_USE + " ON ALL SEQUENCES IN SCHEMA " + schema + to));
    defaults(app, "r", "tables", "TABLES", TABLE_DML);
    defaults(app, "S", "sequences", "SEQUENCES", SEQUENCE_USE);
  }

  /** ALTER DEFAULT PRIVILEGES: what the owner creates later (migrate's tables) is granted too. */
  private void defaults(String app, String objType, String noun, String keyword, String privs) {
    steps.add(
        Step.database(
            privs + " on " + o.owner() + "'s future " + noun + " in " + o.schema() + " for " + app,
            query("pg-prepare-default-privileges"),
            List.of(privs.replace(" ", ""), o.owner(), o.schema(), objType, app),
            "ALTER DEFAULT PRIVILEGES FOR ROLE "
                + quote(o.owner())
                + " IN SCHEMA "
                + quote(o.schema())
                + " GRANT "
                + privs
                + " ON "
                + keyword
                + " TO "
                + quote(app)));
  }
}
