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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table the run creates is loaded as one COPY that writes its rows frozen (issue 18: the index
 * builds, ANALYZE and foreign-key checks after the copy no longer set a hint bit on every row and
 * write every page again). Seen from outside: after STEP 5's ANALYZE the table's pages are
 * all-visible, which a plain COPY leaves for a VACUUM to do. When PostgreSQL refuses a row of such
 * a COPY anyway, the table is copied again as batches and only the refused rows are left out.
 */
@NeedsServer
class FrozenRowsTest {

  @TempDir Path dir;

  /** An order log big enough for a few dozen pages, and a lookup table. */
  private static final String SHOP =
      """
      CREATE TABLE kinds (id INTEGER PRIMARY KEY, name TEXT);
      INSERT INTO kinds VALUES (1, 'a'), (2, 'b');
      CREATE TABLE orders (id INTEGER PRIMARY KEY, kind INTEGER REFERENCES kinds(id), qty INTEGER,
        note TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
      INSERT INTO orders SELECT i, 1 + i % 2, 1 + i % 7, 'order number ' || i FROM n;
      """;

  @Test
  void aTableTheRunCreatedHasEveryPageAllVisible() throws Exception {
    Path db = Fixtures.buildFromSql(SHOP, dir.resolve("shop.db"));
    String url = TestPostgres.newDatabase("frozen");
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).jobs(2).build().migrate();
    assertThat(r.exitCode()).isZero();
    long pages = pages(url, "orders");
    assertThat(pages).isGreaterThan(10);
    // Not quite every page: PostgreSQL 15 marks a page all-visible only when one batch of the
    // COPY's inserts filled it from empty (28 of 40 here); the rows are all frozen regardless.
    assertThat(allVisible(url, "orders")).isGreaterThan(pages / 2);
    assertThat(allVisible(url, "kinds")).isEqualTo(pages(url, "kinds"));
  }

  @Test
  void chunksOfATableAreNotFrozen() throws Exception {
    // The same table in chunks of 1,000 rows, each in a transaction of its own: none of them
    // emptied the table, so none may freeze (and the pages wait for a VACUUM, as before).
    System.setProperty("sqlite2pg.chunk-rows", "1000");
    try {
      Path db = Fixtures.buildFromSql(SHOP, dir.resolve("chunked.db"));
      String url = TestPostgres.newDatabase("chunked_not_frozen");
      MigrationResult r =
          Migrator.configure().source(db).target(new JdbcTarget(url)).jobs(2).build().migrate();
      assertThat(r.exitCode()).isZero();
      assertThat(pages(url, "orders")).isGreaterThan(10);
      assertThat(allVisible(url, "orders")).isZero();
    } finally {
      System.clearProperty("sqlite2pg.chunk-rows");
    }
  }

  @Test
  void aRowRefusedInTheSingleCopyCostsOnlyItself() throws Exception {
    // A DBA's event trigger gives every new table of the database a rule of the house (here:
    // quantities are positive), which the SQLite data breaks in two rows. The single COPY fails
    // at the first; the table is copied again as batches, each in a savepoint, which leave out
    // exactly the two.
    Path db =
        Fixtures.buildFromSql(
            SHOP + "UPDATE orders SET qty = -1 WHERE id IN (7, 2999);", dir.resolve("house.db"));
    String url = TestPostgres.newDatabase("frozen_refused");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE FUNCTION house_rules() RETURNS event_trigger LANGUAGE plpgsql AS $$
          DECLARE o record;
          BEGIN
            FOR o IN SELECT * FROM pg_event_trigger_ddl_commands()
                     WHERE command_tag = 'CREATE TABLE' AND object_identity = 'public.orders' LOOP
              EXECUTE 'ALTER TABLE ' || o.object_identity || ' ADD CHECK (qty > 0)';
            END LOOP;
          END $$;
          CREATE EVENT TRIGGER house_rules ON ddl_command_end EXECUTE FUNCTION house_rules();
          """);
    }
    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .batchSize(500)
            .build()
            .migrate();
    TableReport orders =
        r.tables().stream().filter(t -> t.sourceTable().equals("orders")).findFirst().orElseThrow();
    assertThat(orders.copiedRows()).isEqualTo(2998);
    assertThat(orders.rejected())
        .extracting(RejectedRow::key)
        .containsExactlyInAnyOrder("rowid=7", "rowid=2999");
    assertThat(orders.rejected())
        .allSatisfy(x -> assertThat(x.reason()).contains("violates check constraint"));
    assertThat(orders.error()).isEmpty();
    assertThat(r.exitCode()).isEqualTo(3);
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM orders")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2998);
      assertThat(rs.getLong(2)).isEqualTo(2998);
    }
  }

  private static long pages(String url, String table) throws Exception {
    return pgClass(url, table, "relpages");
  }

  private static long allVisible(String url, String table) throws Exception {
    return pgClass(url, table, "relallvisible");
  }

  private static long pgClass(String url, String table, String column) throws Exception {
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + column
                    + " FROM pg_class WHERE oid = 'public."
                    + table
                    + "'::regclass")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
