package dev.sqlite2pg.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every view, CHECK, DEFAULT and index of the corpus, translated and created in a real PostgreSQL
 * over empty tables made from the SQLite columns (a rough affinity mapping: enough for the views to
 * be checked by PostgreSQL's parser and type checker). Skipped without the corpus.
 */
@NeedsServer
class SqlTranslatorCorpusTest {

  private static final Path CORPUS = Path.of("..", "shared", "corpus");
  private static final UnaryOperator<String> FOLD =
      n -> "\"" + n.toLowerCase(Locale.ROOT).replace("\"", "\"\"") + "\"";

  /** Views the translator must refuse, with a word its reason has to contain. */
  private static final Map<String, String> REFUSED =
      Map.of(
          "northwind.sqlite:Invoices", "string literal",
          "duckdb_unsupported_view.db:ts", "unixepoch()");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "northwind.sqlite",
        "sakila.sqlite",
        "pgloader_matviews.sqlite",
        "datasette_fixtures.db",
        "datasette_spatialite.db",
        "pocketbase_data.db",
        "sqlx_tests_sqlite.db",
        "duckdb_unsupported_view.db"
      })
  void viewsTranslateAndPostgresAcceptsThem(String file) throws Exception {
    Path db = CORPUS.resolve(file);
    assumeTrue(Files.isRegularFile(db), "corpus not present");
    Map<String, String> outcomes = new LinkedHashMap<>();
    try (Connection sqlite =
            DriverManager.getConnection(
                "jdbc:sqlite:file:"
                    + db.toAbsolutePath().normalize().toUri().getRawPath()
                    + "?immutable=1");
        Connection pg = TestPostgres.connect(TestPostgres.newDatabase("views_" + file))) {
      Set<String> booleans = new HashSet<>();
      Set<String> texts = new HashSet<>();
      createTables(sqlite, pg, booleans, texts);
      SqlTranslator translator = new SqlTranslator(booleans, texts, false);
      for (String[] view : views(sqlite)) {
        String key = file + ":" + view[0];
        Translation t = translator.translateView(view[1], columnNames(sqlite, view[0]), FOLD, FOLD);
        outcomes.put(key, create(pg, t));
      }
    }
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : outcomes.entrySet()) {
      String expectedWord = REFUSED.get(e.getKey());
      boolean right =
          expectedWord == null
              ? e.getValue().equals("created")
              : e.getValue().startsWith("untranslatable") && e.getValue().contains(expectedWord);
      if (!right) {
        wrong.add(e.getKey() + " -> " + e.getValue());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(outcomes).isNotEmpty();
  }

  /**
   * Every CHECK, DEFAULT, index expression and partial-index predicate of every corpus file, parsed
   * from sqlite_master, translated, and applied to the empty PostgreSQL tables.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "northwind.sqlite",
        "sakila.sqlite",
        "datasette_fixtures.db",
        "datasette_spatialite.db",
        "pocketbase_data.db",
        "pocketbase_auxiliary.db",
        "django_djangoproject_com.sqlite3",
        "pgloader_sqlite.db",
        "duckdb_issue44.db",
        "sqlx_tests_sqlite.db",
        "rails_18f_event_tracker_development.sqlite3",
        "duckdb_accounts_sample.db",
        "chinook_autoincrement.sqlite"
      })
  void constraintsDefaultsAndIndexesTranslate(String file) throws Exception {
    Path db = CORPUS.resolve(file);
    assumeTrue(Files.isRegularFile(db), "corpus not present");
    List<String> outcomes = new ArrayList<>();
    try (Connection sqlite =
            DriverManager.getConnection(
                "jdbc:sqlite:file:"
                    + db.toAbsolutePath().normalize().toUri().getRawPath()
                    + "?immutable=1");
        Connection pg = TestPostgres.connect(TestPostgres.newDatabase("ddl_" + file))) {
      Set<String> booleans = new HashSet<>();
      Set<String> texts = new HashSet<>();
      Map<String, String> types = createTables(sqlite, pg, booleans, texts);
      Map<String, String> byColumn = new HashMap<>();
      types.forEach((k, v) -> byColumn.putIfAbsent(k.substring(k.lastIndexOf('.') + 1), v));
      // The server's own version: json_valid() becomes IS JSON on 16 and later.
      TargetServer server = new TargetServer(pg.getMetaData().getDatabaseMajorVersion(), true);
      SchemaStatements statements =
          new SchemaStatements(new SqlTranslator(byColumn, texts, false, server), FOLD, types);
      for (String[] object : objects(sqlite)) {
        for (Map.Entry<String, Translation> e : statements.of(object[0], object[1]).entrySet()) {
          outcomes.add(file + ":" + e.getKey() + " -> " + create(pg, e.getValue()));
        }
      }
    }
    List<String> wrong =
        outcomes.stream()
            .filter(
                o -> !o.endsWith("-> created") && KNOWN_REFUSALS.stream().noneMatch(o::contains))
            .toList();
    assertThat(wrong).isEmpty();
    assertThat(outcomes).isNotEmpty();
  }

  /** Refusals the corpus must produce; each names the object and the reason's key words. */
  private static final List<String> KNOWN_REFUSALS =
      List.of(
          // pgloader_sqlite.db: foo datetime default(DATETIME('now', 'localtime'))
          "DEFAULT (DATETIME('now', 'localtime')) -> untranslatable",
          // pocketbase_auxiliary.db: (strftime('%Y-%m-%d %H:00:00', `created`)) needs a stable cast
          "-> untranslatable: strftime() over a value (the text-to-timestamp cast)",
          // pgloader_sqlite.db: is_public integer default '"0"' stores text in an integer column
          "typenames.is_public DEFAULT '\"0\"' -> untranslatable");

  private static List<String[]> objects(Connection sqlite) throws SQLException {
    List<String[]> objects = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL "
                    + "AND type IN ('table', 'index') AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rowid")) {
      while (rs.next()) {
        objects.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return objects;
  }

  private static String create(Connection pg, Translation t) {
    if (t.sql().isEmpty()) {
      return "untranslatable: " + t.failure().orElseThrow();
    }
    try (Statement s = pg.createStatement()) {
      s.execute(t.sql().get());
      return "created";
    } catch (SQLException e) {
      return "rejected by PostgreSQL: " + e.getMessage() + " in " + t.sql().get();
    }
  }

  private static List<String[]> views(Connection sqlite) throws SQLException {
    List<String[]> views = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid")) {
      while (rs.next()) {
        views.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return views;
  }

  private static List<String> columnNames(Connection sqlite, String relation) throws SQLException {
    List<String> names = new ArrayList<>();
    try (var p = sqlite.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
      p.setString(1, relation);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      return List.of(); // a view over a missing module (SpatiaLite's virtual tables)
    }
    return names;
  }

  /**
   * Creates each ordinary table, empty, notes its boolean and text columns, and returns the
   * PostgreSQL type of every column under "table.column" (lower case).
   */
  private static Map<String, String> createTables(
      Connection sqlite, Connection pg, Set<String> booleans, Set<String> texts)
      throws SQLException {
    Map<String, String> types = new HashMap<>();
    List<String> tables = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                    + "AND sql NOT LIKE 'CREATE VIRTUAL%'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    for (String table : tables) {
      List<String> columns = new ArrayList<>();
      try (var p = sqlite.prepareStatement("SELECT name, type FROM pragma_table_info(?)")) {
        p.setString(1, table);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            String type = pgType(rs.getString(2));
            if (type.equals("boolean")) {
              booleans.add(rs.getString(1));
            } else if (type.equals("text") && isTextAffinity(rs.getString(2))) {
              texts.add(rs.getString(1));
            }
            columns.add(FOLD.apply(rs.getString(1)) + " " + type);
            types.put((table + "." + rs.getString(1)).toLowerCase(Locale.ROOT), type);
          }
        }
      }
      try (Statement s = pg.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS "
                + FOLD.apply(table)
                + " ("
                + String.join(", ", columns)
                + ")");
      }
    }
    return types;
  }

  private static boolean isTextAffinity(String declared) {
    String t = declared.toUpperCase(Locale.ROOT);
    return !t.contains("INT") && (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT"));
  }

  private static String pgType(String declared) {
    String t = declared.toUpperCase(Locale.ROOT);
    if (t.contains("BOOL")) {
      return "boolean";
    }
    if (t.equals("JSON")) {
      return "jsonb"; // PocketBase's JSON columns
    }
    if (t.contains("INT")) {
      return "bigint";
    }
    if (t.contains("CHAR")
        || t.contains("CLOB")
        || t.contains("TEXT")
        || t.isEmpty()
        || t.contains("DATE")
        || t.contains("TIME")) {
      return "text";
    }
    if (t.contains("BLOB")) {
      return "bytea";
    }
    if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
      return "double precision";
    }
    return "numeric";
  }
}
