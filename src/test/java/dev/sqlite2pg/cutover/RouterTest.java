package dev.sqlite2pg.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.CutoverOptions;
import dev.sqlite2pg.CutoverResult;
import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The README's Java reference router ({@link Router}) against a real cut-over: SQLite takes its
 * writes before, its fence error moves it to PostgreSQL after, with the write retried there once;
 * and the README carries the class verbatim.
 */
@NeedsServer
class RouterTest {

  @TempDir Path dir;

  @Test
  void theFenceErrorMovesTheWritesToPostgresql() throws Exception {
    String url = TestPostgres.newDatabase("cutover_router");
    Path db =
        Fixtures.buildFromSql(
            """
            -- A to-do application with one table, as small as a cut-over gets.
            CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
            INSERT INTO todos VALUES (1, 'migrate');
            """,
            dir.resolve("todo.db"));
    Migrator m = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    assertThat(m.syncStart().exitCode()).isZero();
    assertThat(m.syncVerify().equal()).isTrue();
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + db + "?busy_timeout=5000&transaction_mode=IMMEDIATE");
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(url);
    Router router = new Router(sqlite, pg, dir.resolve("FLAG"));

    assertThat(router.write(c -> insert(c, 2, "before"))).isEqualTo("sqlite");
    CutoverResult r =
        m.cutover(CutoverOptions.defaults().withLag(Duration.ofSeconds(60), Duration.ZERO));
    assertThat(r.exitCode()).isZero();
    assertThat(router.write(c -> insert(c, 3, "after"))).isEqualTo("postgresql");
    assertThat(router.write(c -> insert(c, 4, "then"))).isEqualTo("postgresql");

    assertThat(titles(pg)).isEqualTo("migrate,before,after,then");
    assertThat(titles(sqlite))
        .as("the fenced write left nothing in SQLite")
        .isEqualTo("migrate,before");
  }

  @Test
  void theReadmeHasTheRouterVerbatim() throws Exception {
    String source = Files.readString(Path.of("src/test/java/dev/sqlite2pg/cutover/Router.java"));
    String block =
        source.substring(
            source.indexOf("// --- README: JDBC router ---\n") + 31,
            source.indexOf("// --- end ---"));
    assertThat(Files.readString(Path.of("README.md"))).contains(block.strip());
  }

  private static void insert(Connection c, int id, String title) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO todos VALUES (?, ?)")) {
      ps.setInt(1, id);
      ps.setString(2, title);
      ps.executeUpdate();
    }
  }

  private static String titles(DataSource ds) throws SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (Connection c = ds.getConnection();
        java.sql.Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT title FROM todos ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return String.join(",", out);
  }
}
