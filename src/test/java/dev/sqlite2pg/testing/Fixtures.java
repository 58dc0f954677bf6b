package dev.sqlite2pg.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Builds a real SQLite file from a script in {@code src/test/resources/fixtures/NAME.sql}. Each
 * script starts with a comment naming the real-world case it stands for.
 */
public final class Fixtures {

  private Fixtures() {}

  public static Path build(String name, Path dir) {
    Path db = dir.resolve(name + ".db");
    try {
      Files.deleteIfExists(db);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buildFromSql(script(name), db);
  }

  public static String script(String name) {
    String path = "/fixtures/" + name + ".sql";
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture script " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code sql} (several statements) in a new SQLite database at {@code db}. */
  public static Path buildFromSql(String sql, Path db) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Fixture failed to build " + db + ": " + e.getMessage(), e);
    }
    return db;
  }
}
