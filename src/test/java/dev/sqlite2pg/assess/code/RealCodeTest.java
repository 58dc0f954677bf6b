package dev.sqlite2pg.assess.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real application code, unchanged (origins and licenses in {@code
 * src/test/resources/assess/code/README.md}): what a person migrating it would have to touch, found
 * at its line, and nothing in the docstrings, comments and messages around it. Each expected line
 * was read against the source: Flask's tutorial really names a table {@code user} and really joins
 * it; FastAPI's commented-out PostgreSQL URL is not a finding.
 */
class RealCodeTest {

  private static final Path REAL = Path.of("src/test/resources/assess/code/real");

  private static List<String> scan(String dir) {
    return CodeScanner.hits(List.of(REAL.resolve(dir)), Rules.all()).stream()
        .map(h -> REAL.relativize(h.file()) + ":" + h.line() + " " + h.rule().id())
        .toList();
  }

  @Test
  void flaskTutorial() {
    assertThat(scan("flaskr"))
        .containsExactly(
            "flaskr/blog.py:22 reserved-name",
            "flaskr/blog.py:44 reserved-name",
            "flaskr/blog.py:45 qmark-placeholder",
            "flaskr/blog.py:77 qmark-placeholder",
            "flaskr/blog.py:105 qmark-placeholder",
            "flaskr/blog.py:123 qmark-placeholder",
            "flaskr/db.py:1 python-driver-import",
            "flaskr/db.py:15 python-connect",
            "flaskr/db.py:16 python-type-converters",
            "flaskr/db.py:18 python-row-factory",
            "flaskr/db.py:33 init-db-function",
            "flaskr/db.py:38 executescript",
            "flaskr/db.py:48 python-type-converters",
            "flaskr/schema.sql:4 reserved-name",
            "flaskr/schema.sql:7 reserved-name",
            "flaskr/schema.sql:8 autoincrement",
            "flaskr/schema.sql:14 autoincrement",
            "flaskr/schema.sql:19 reserved-name");
  }

  @Test
  void fastApiSqlAlchemyTutorial() {
    assertThat(scan("fastapi"))
        .containsExactly(
            "fastapi/database.py:5 sqlite-file-path",
            "fastapi/database.py:5 connection-url",
            "fastapi/database.py:9 python-check-same-thread");
  }

  @Test
  void djangoProjectTemplate() {
    assertThat(scan("django"))
        .containsExactly(
            "django/settings.py:24 django-engine", "django/settings.py:25 sqlite-file-path");
  }

  @Test
  void railsDatabaseYml() {
    assertThat(scan("rails"))
        .containsExactly(
            "rails/database.yml:8 orm-dialect",
            "rails/database.yml:14 sqlite-file-setting",
            "rails/database.yml:21 sqlite-file-setting",
            "rails/database.yml:25 sqlite-file-setting");
  }

  @Test
  void betterSqlite3Benchmark() {
    assertThat(scan("better-sqlite3"))
        .containsExactly(
            "better-sqlite3/drivers.js:12 js-pragma-call",
            "better-sqlite3/drivers.js:16 js-driver",
            "better-sqlite3/drivers.js:17 js-driver",
            "better-sqlite3/drivers.js:23 js-driver",
            "better-sqlite3/drivers.js:24 pragma",
            "better-sqlite3/seed.js:7 sqlite-only-type",
            "better-sqlite3/seed.js:7 real-type",
            "better-sqlite3/seed.js:17 sqlite-only-type",
            "better-sqlite3/seed.js:34 sqlite-file-path",
            "better-sqlite3/seed.js:35 js-pragma-call",
            "better-sqlite3/seed.js:36 js-pragma-call",
            "better-sqlite3/seed.js:39 schema-in-code",
            "better-sqlite3/seed.js:40 js-pragma-call");
  }

  @Test
  void goSqlite3SimpleExample() {
    assertThat(scan("go-sqlite3"))
        .containsExactly(
            "go-sqlite3/simple.go:6 go-driver",
            "go-sqlite3/simple.go:12 sqlite-file-path",
            "go-sqlite3/simple.go:14 sqlite-file-path",
            "go-sqlite3/simple.go:14 go-sql-open",
            "go-sqlite3/simple.go:21 schema-in-code",
            "go-sqlite3/simple.go:21 integer-primary-key",
            "go-sqlite3/simple.go:34 qmark-placeholder",
            "go-sqlite3/simple.go:69 qmark-placeholder");
  }
}
