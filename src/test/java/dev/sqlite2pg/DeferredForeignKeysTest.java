package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Django declares every foreign key DEFERRABLE INITIALLY DEFERRED, so PostgreSQL checks them at
 * COMMIT: an order line whose order was deleted on SQLite (which did not enforce the key) failed
 * the whole table ("copy failed after 301 rows: ... violates foreign key constraint"), found by the
 * Django scenario. Checked per row, it costs only itself.
 */
@NeedsServer
class DeferredForeignKeysTest {

  @TempDir Path dir;

  @Test
  void anOrphanedRowUnderADeferredKeyIsRejectedAlone() throws Exception {
    String url = TestPostgres.newDatabase("deferred_fk");
    Path db =
        Fixtures.buildFromSql(
            """
            -- A shop whose order 3 was deleted while its lines stayed.
            CREATE TABLE shop_order (id INTEGER PRIMARY KEY);
            CREATE TABLE shop_orderline (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL
              REFERENCES shop_order (id));
            INSERT INTO shop_order VALUES (1), (2);
            INSERT INTO shop_orderline VALUES (1, 1), (2, 2), (3, 3), (4, 1);
            """,
            dir.resolve("shop.db"));
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE shop_order (id bigserial PRIMARY KEY);"
              + " CREATE TABLE shop_orderline (id bigserial PRIMARY KEY, order_id bigint NOT NULL"
              + " REFERENCES shop_order (id) DEFERRABLE INITIALLY DEFERRED)");
    }

    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .dataOnly(true)
            .build()
            .migrate();

    assertThat(r.exitCode()).isEqualTo(3);
    TableReport lines =
        r.tables().stream()
            .filter(t -> t.sourceTable().equals("shop_orderline"))
            .findFirst()
            .orElseThrow();
    assertThat(lines.error()).isEmpty();
    assertThat(lines.copiedRows()).isEqualTo(3);
    assertThat(lines.rejected()).extracting(RejectedRow::key).containsExactly("rowid=3");
  }
}
