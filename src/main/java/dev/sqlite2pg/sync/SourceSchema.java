package dev.sqlite2pg.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What schema drift is judged by (design 3.5): the application's tables as {@code sqlite_schema}
 * has them, each with its {@code CREATE TABLE} text and its UNIQUE indexes (the BEFORE triggers
 * enumerate those, so a new one makes them stale, 4.4 #1), and which tables capture's triggers are
 * on. Read only when {@code PRAGMA schema_version} moved; names are compared case-insensitively, as
 * SQLite compares them.
 */
final class SourceSchema {

  /** One table's shape: what, when it changes, may need a re-sync or a pause. */
  record Shape(String name, String sql, String uniques) {}

  private final Map<String, Shape> tables;
  private final Map<String, String> triggers;

  private SourceSchema(Map<String, Shape> tables, Map<String, String> triggers) {
    this.tables = tables;
    this.triggers = triggers;
  }

  /** The application's tables now (not SQLite's, not sqlite2pg's own). */
  static SourceSchema read(Connection c) throws SQLException {
    Map<String, Shape> tables = new TreeMap<>();
    Map<String, List<String>> uniques = new HashMap<>();
    Map<String, String> triggers = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")) {
      while (rs.next()) {
        String type = rs.getString(1);
        String name = rs.getString(2);
        String sql = rs.getString(4);
        switch (type) {
          case "table" -> {
            if (!own(name)) {
              tables.put(lower(name), new Shape(name, sql, ""));
            }
          }
          case "trigger" -> triggers.put(lower(name), rs.getString(3));
          case "index" -> {
            if (sql != null && sql.toUpperCase(Locale.ROOT).matches("(?s)\\s*CREATE\\s+UNIQUE.*")) {
              uniques.computeIfAbsent(lower(rs.getString(3)), k -> new ArrayList<>()).add(sql);
            }
          }
          default -> {
            // Views cannot drift a table's rows.
          }
        }
      }
    }
    uniques.forEach(
        (t, list) ->
            tables.computeIfPresent(
                t, (k, v) -> new Shape(v.name(), v.sql(), String.join(";\n", list))));
    return new SourceSchema(tables, triggers);
  }

  /** A cheap read of the schema's change counter: every DDL statement moves it (M5, M8). */
  static long version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA schema_version")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  Optional<Shape> table(String name) {
    return Optional.ofNullable(tables.get(lower(name)));
  }

  Map<String, Shape> tables() {
    return tables;
  }

  /** The table a trigger is on, if the trigger exists (a renamed table takes its triggers). */
  Optional<String> triggerTable(String trigger) {
    return Optional.ofNullable(triggers.get(lower(trigger)));
  }

  /**
   * Whether capture's three AFTER triggers of table {@code n} are on {@code table}: a rebuilt table
   * (Alembic's batch mode, the 12-step ALTER, DROP and CREATE) has none (M8).
   */
  boolean captured(String table, int n) {
    for (String kind : List.of("ai", "au", "ad")) {
      Optional<String> on = triggerTable(CaptureSql.name(kind, n));
      if (on.isEmpty() || !on.get().equalsIgnoreCase(table)) {
        return false;
      }
    }
    return true;
  }

  /** Whether any of capture's triggers is on {@code table} (a captured table, maybe renamed). */
  boolean hasCapture(String table) {
    return triggers.entrySet().stream()
        .anyMatch(
            e -> e.getKey().startsWith(Capture.PREFIX) && e.getValue().equalsIgnoreCase(table));
  }

  /**
   * The shapes sync last accepted, from the file's {@code sqlite2pg_state} ({@code schema:<name>}
   * rows): kept beside the data they describe, so a change made while sync was not running is
   * judged against what it was when sync last looked, not against itself.
   */
  static Map<String, Shape> recorded(Connection c) throws SQLException {
    Map<String, Shape> out = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT substr(k, 8), v, coalesce((SELECT v FROM sqlite2pg_state u"
                    + " WHERE u.k = 'unique:' || substr(t.k, 8)), '')"
                    + " FROM sqlite2pg_state t WHERE k LIKE 'schema:%'")) {
      while (rs.next()) {
        out.put(
            lower(rs.getString(1)), new Shape(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return out;
  }

  /** Records the shapes in the caller's write transaction (replacing what was recorded). */
  static void record(Connection c, Map<String, Shape> shapes) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM sqlite2pg_state WHERE k LIKE 'schema:%' OR k LIKE 'unique:%'");
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO sqlite2pg_state (k, v) VALUES (?, ?)")) {
      for (Shape t : shapes.values()) {
        ps.setString(1, "schema:" + t.name());
        ps.setString(2, t.sql());
        ps.addBatch();
        ps.setString(1, "unique:" + t.name());
        ps.setString(2, t.uniques());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static boolean own(String name) {
    String lower = lower(name);
    return lower.startsWith("sqlite_") || lower.startsWith(Capture.PREFIX);
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
