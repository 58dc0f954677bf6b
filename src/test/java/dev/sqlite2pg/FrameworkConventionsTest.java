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
 * Each framework's way of storing a value on SQLite, applied without flags once the framework is
 * recognised by its history table; each case is what that framework writes (cited in {@code
 * framework.Conventions}), loaded with --data-only into the type its PostgreSQL migrations create,
 * then read back as PostgreSQL's text. Without the framework's table the same values are rejected
 * rows: the convention is the framework's, not a guess.
 */
@NeedsServer
class FrameworkConventionsTest {

  @TempDir Path dir;

  private List<String> load(String name, String sqlite, String pg, String select) throws Exception {
    String url = TestPostgres.newDatabase(name);
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute(pg);
    }
    Path db = Fixtures.buildFromSql(sqlite, dir.resolve(name + ".db"));
    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .dataOnly(true)
            .build()
            .migrate();
    assertThat(r.exitCode()).as(r.toString()).isZero();
    List<String> out = new ArrayList<>();
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(select)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void djangoDurationFieldIsMicroseconds() throws Exception {
    assertThat(
            load(
                "django_duration",
                """
                -- Django 3.2: DurationField is bigint microseconds on SQLite.
                CREATE TABLE django_migrations (id integer PRIMARY KEY, app varchar(255),
                  name varchar(255), applied datetime);
                INSERT INTO django_migrations VALUES (1, 'shop', '0001_initial', '2024-01-01');
                CREATE TABLE shop_task (id integer PRIMARY KEY, span bigint NOT NULL);
                INSERT INTO shop_task VALUES (1, 5400000000), (2, -1500000), (3, 86400000001);
                """,
                """
                CREATE TABLE django_migrations (id bigserial PRIMARY KEY, app varchar(255),
                  name varchar(255), applied timestamptz);
                INSERT INTO django_migrations (app, name, applied)
                  VALUES ('shop', '0001_initial', now());
                CREATE TABLE shop_task (id serial PRIMARY KEY, span interval NOT NULL);
                """,
                "SELECT span::text FROM shop_task ORDER BY id"))
        .containsExactly("01:30:00", "-00:00:01.5", "24:00:00.000001");
  }

  @Test
  void railsTimeIsADatetimeOnTheFirstOfJanuary2000() throws Exception {
    assertThat(
            load(
                "rails_time",
                """
                -- Rails 7 sqlite3 adapter: a time column is written as 2000-01-01 HH:MM:SS.
                CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY);
                INSERT INTO schema_migrations VALUES ('20240101000000');
                CREATE TABLE alarms (id integer PRIMARY KEY, wakes_at time);
                INSERT INTO alarms VALUES (1, '2000-01-01 07:30:00'), (2, '2000-01-01 23:59:59.5'),
                  (3, '06:15:00');
                """,
                """
                CREATE TABLE schema_migrations (version varchar PRIMARY KEY);
                INSERT INTO schema_migrations VALUES ('20240101000000');
                CREATE TABLE alarms (id bigserial PRIMARY KEY, wakes_at time);
                """,
                "SELECT wakes_at::text FROM alarms ORDER BY id"))
        .containsExactly("07:30:00", "23:59:59.5", "06:15:00");
  }

  @Test
  void sqlalchemyIntervalIsADatetimeSince1970() throws Exception {
    assertThat(
            load(
                "alembic_interval",
                """
                -- SQLAlchemy 1.4 Interval on SQLite: the datetime 1970-01-01 plus the duration.
                CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
                INSERT INTO alembic_version VALUES ('0003');
                CREATE TABLE events (id INTEGER PRIMARY KEY, duration DATETIME);
                INSERT INTO events VALUES (1, '1970-01-01 14:31:23.242346'),
                  (2, '1970-01-04 07:41:43.000000'), (3, '1969-12-31 23:59:59.000000');
                """,
                """
                CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
                INSERT INTO alembic_version VALUES ('0003');
                CREATE TABLE events (id serial PRIMARY KEY, duration interval);
                """,
                "SELECT duration::text FROM events ORDER BY id"))
        .containsExactly("14:31:23.242346", "79:41:43", "-00:00:01");
  }

  @Test
  void prismaDateTimeIsEpochMillisecondsWhateverTheMagnitudes() throws Exception {
    assertThat(
            load(
                "prisma_datetime",
                """
                -- Prisma on SQLite: DateTime is epoch milliseconds; 0 and 9999-12-31 together
                -- span magnitudes from which no single unit follows.
                CREATE TABLE _prisma_migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL,
                  finished_at DATETIME, migration_name TEXT NOT NULL, logs TEXT,
                  rolled_back_at DATETIME, started_at DATETIME NOT NULL DEFAULT current_timestamp,
                  applied_steps_count INTEGER UNSIGNED NOT NULL DEFAULT 0);
                INSERT INTO _prisma_migrations VALUES ('a', 'x', 1704067200000, '20240101_init',
                  NULL, NULL, 1704067200000, 1);
                CREATE TABLE "User" (id TEXT PRIMARY KEY, "createdAt" DATETIME NOT NULL);
                INSERT INTO "User" VALUES ('u1', 1704067200000), ('u2', 0),
                  ('u3', 253402300799999);
                """,
                """
                CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY,
                  checksum varchar(64) NOT NULL, finished_at timestamptz,
                  migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz,
                  started_at timestamptz NOT NULL DEFAULT now(),
                  applied_steps_count integer NOT NULL DEFAULT 0);
                INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name)
                  VALUES ('b', 'x', now(), '20240101_init');
                CREATE TABLE "User" (id text PRIMARY KEY, "createdAt" timestamp(3) NOT NULL);
                """,
                "SELECT \"createdAt\"::text FROM \"User\" ORDER BY id"))
        .containsExactly("2024-01-01 00:00:00", "1970-01-01 00:00:00", "9999-12-31 23:59:59.999");
  }

  @Test
  void withoutTheFrameworksTableADatetimeInATimeColumnIsARejectedRow() throws Exception {
    String url = TestPostgres.newDatabase("no_framework_time");
    try (Connection c = TestPostgres.connect(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE alarms (id bigserial PRIMARY KEY, wakes_at time)");
    }
    Path db =
        Fixtures.buildFromSql(
            """
            -- The Rails value, in a database no framework is recognised in.
            CREATE TABLE alarms (id integer PRIMARY KEY, wakes_at time);
            INSERT INTO alarms VALUES (1, '2000-01-01 07:30:00'), (2, '06:15:00');
            """,
            dir.resolve("plain.db"));
    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(url))
            .dataOnly(true)
            .build()
            .migrate();
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.tables().get(0).rejected())
        .extracting(RejectedRow::key)
        .containsExactly("rowid=1");
  }
}
