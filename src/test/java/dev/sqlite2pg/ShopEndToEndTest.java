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

@NeedsServer
class ShopEndToEndTest {

  @TempDir Path dir;

  @Test
  void migratesEveryRowAndVerifiesEqual() throws Exception {
    Path db = Fixtures.build("shop", dir);
    String url = TestPostgres.newDatabase("shop");
    MigrationResult r =
        Migrator.configure().source(db).target(new JdbcTarget(url)).build().migrate();
    assertThat(r.tables())
        .extracting(TableReport::sourceTable)
        .containsExactly("customers", "products", "orders", "order_lines");
    assertThat(r.copiedRows()).isEqualTo(13);
    assertThat(r.tables())
        .allSatisfy(
            t ->
                assertThat(t.verification())
                    .hasValueSatisfying(v -> assertThat(v.equal()).as(t.sourceTable()).isTrue()));
    assertThat(r.exitCode()).isZero();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery(
              "SELECT data_type FROM information_schema.columns"
                  + " WHERE table_name = 'customers' AND column_name = 'active'");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("boolean");
      rs =
          s.executeQuery(
              "INSERT INTO orders (customer_id, placed_at) VALUES (2, now())" + " RETURNING id");
      rs.next();
      assertThat(rs.getLong(1)).as("next id after AUTOINCREMENT's high-water mark").isEqualTo(4);
    }
  }
}
