package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a foreign key is created as soon as both its tables are in, while other tables still
 * copy (the 5M-row benchmark's two keys were all of STEP 5 left after its copy). So a key between
 * two tables that copied completely stands even when a third table failed, checked against all of
 * both tables' rows; a key that touches the failed table is not created, and --resume creates it.
 */
@NeedsServer
class EarlyForeignKeysTest {

  @TempDir Path dir;

  @Test
  void keysBetweenCompleteTablesStandWhenAnotherTableFails() throws Exception {
    // A shop whose audit log the target will not take: a DBA's trigger on new tables named
    // audit refuses every row with an error that is not the row's (P0001), so the table fails.
    Path db =
        Fixtures.buildFromSql(
            """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE orders (id INTEGER PRIMARY KEY,
              customer_id INTEGER REFERENCES customers(id), total NUMERIC);
            CREATE TABLE audit (id INTEGER PRIMARY KEY,
              customer_id INTEGER REFERENCES customers(id), what TEXT);
            INSERT INTO customers VALUES (1, 'a'), (2, 'b');
            INSERT INTO orders VALUES (1, 1, 9.5), (2, 2, 3.25), (3, 1, 1);
            INSERT INTO audit VALUES (1, 1, 'signed up'), (2, 2, 'signed up');
            """,
            dir.resolve("shop.db"));
    String url = TestPostgres.newDatabase("early_keys");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'the audit log is written by the new system only'; END $$;
          CREATE FUNCTION no_audit() RETURNS event_trigger LANGUAGE plpgsql AS $$
          DECLARE o record;
          BEGIN
            FOR o IN SELECT * FROM pg_event_trigger_ddl_commands()
                     WHERE command_tag = 'CREATE TABLE' AND object_identity = 'public.audit' LOOP
              EXECUTE 'CREATE TRIGGER refuse BEFORE INSERT ON public.audit'
                || ' FOR EACH ROW EXECUTE FUNCTION refuse()';
            END LOOP;
          END $$;
          CREATE EVENT TRIGGER no_audit ON ddl_command_end EXECUTE FUNCTION no_audit();
          """);
    }
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).jobs(2).build().migrate();
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.tables())
        .filteredOn(t -> t.sourceTable().equals("audit"))
        .singleElement()
        .satisfies(t -> assertThat(t.error()).isPresent());
    assertThat(foreignKeys(url)).containsExactly("orders orders_customer_id_fkey validated");
  }

  private static List<String> foreignKeys(String url) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT conrelid::regclass, conname, convalidated FROM pg_constraint"
                    + " WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1, 2")) {
      while (rs.next()) {
        keys.add(
            rs.getString(1)
                + " "
                + rs.getString(2)
                + (rs.getBoolean(3) ? " validated" : " not valid"));
      }
    }
    return keys;
  }
}
