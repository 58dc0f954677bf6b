package dev.sqlite2pg.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

@NeedsServer
class TestPostgresTest {
  @Test
  void givesEachCallerItsOwnEmptyDatabase() throws Exception {
    String a = TestPostgres.newDatabase("a");
    String b = TestPostgres.newDatabase("b");
    assertThat(a).isNotEqualTo(b);
    try (Connection c = TestPostgres.connect(a);
        ResultSet rs =
            c.createStatement()
                .executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }
}
