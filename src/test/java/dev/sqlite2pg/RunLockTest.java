package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.pg.state.RunLock;
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

/** Two runs into one target schema: the second is refused and told who holds it. */
@NeedsServer
class RunLockTest {

  @TempDir Path dir;

  @Test
  @SuppressWarnings("try") // the first lock is held by being open
  void aSecondRunOnTheSameSchemaIsRefusedAndNothingIsWritten() throws Exception {
    Path db = Fixtures.build("shop", dir);
    String url = TestPostgres.newDatabase("lock");
    JdbcTarget target = new JdbcTarget(url);
    try (RunLock first = RunLock.acquire(target, "public")) {
      assertThatThrownBy(() -> Migrator.configure().source(db).target(target).build().migrate())
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("another sqlite2pg run is loading schema public")
          .hasMessageContaining("server process")
          .hasMessageContaining("wait for it to finish");
      // Another schema of the same database is free.
      assertThat(
              Migrator.configure()
                  .source(db)
                  .target(target)
                  .schema("other")
                  .build()
                  .migrate()
                  .exitCode())
          .isZero();
    }
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = 'public'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    assertThat(Migrator.configure().source(db).target(target).build().migrate().exitCode())
        .as("the lock went with its session")
        .isZero();
  }
}
