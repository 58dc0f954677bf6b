package dev.sqlite2pg.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads the queries kept in {@code src/main/resources/dev/sqlite2pg/sql/*.sql}. */
public final class SqlResources {

  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private SqlResources() {}

  public static String load(String name) {
    return CACHE.computeIfAbsent(name, SqlResources::read);
  }

  private static String read(String name) {
    String path = "/dev/sqlite2pg/sql/" + name + ".sql";
    try (InputStream in = SqlResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing query resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read query resource " + path, e);
    }
  }
}
