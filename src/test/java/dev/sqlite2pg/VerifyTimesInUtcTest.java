package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify shows a differing PostgreSQL time in UTC with its offset, next to SQLite's UTC text,
 * whatever zone the JVM runs in (pgjdbc sets the session's TimeZone to the JVM's: on a laptop in
 * Zurich a changed row showed 03:00:00+01 beside SQLite's 02:00:00, which read as a shift).
 */
@NeedsServer
class VerifyTimesInUtcTest {

  @TempDir Path dir;

  @Test
  void aChangedTimestampIsShownInUtc() throws Exception {
    String url = TestPostgres.newDatabase("verify_utc");
    Path db =
        Fixtures.buildFromSql(
            """
            -- An event log whose times SQLite's datetime('now') wrote, in UTC.
            CREATE TABLE events (id INTEGER PRIMARY KEY, at DATETIME);
            INSERT INTO events VALUES (1, '2024-05-01 02:00:00');
            """,
            dir.resolve("events.db"));
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz)");
    }
    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .dataOnly(true)
            .build()
            .migrate();
    assertThat(r.exitCode()).isZero();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute("UPDATE events SET at = at + interval '1 hour'");
    }
    TimeZone jvm = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Zurich"));
    try {
      VerifyResult v = Migrator.configure().source(db).target(new JdbcTarget(url)).build().verify();
      RowDifference d = v.tables().get(0).differences().get(0);
      assertThat(d.targetValues().get(d.columns().indexOf("at")))
          .as(d.toString())
          .isEqualTo("2024-05-01 03:00:00+00");
    } finally {
      TimeZone.setDefault(jvm);
    }
  }
}
