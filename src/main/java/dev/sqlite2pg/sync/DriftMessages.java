package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;

import dev.sqlite2pg.sql.Identifiers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a paused table's line says (design 3.5): what happened in SQLite, that its changes are
 * paused, and the statement that lets sync follow it again. One line each, so {@code sync status}
 * and the log can show it as it is.
 */
final class DriftMessages {

  static final String AGAIN = " and run sqlite2pg sync run, or sqlite2pg sync stop";

  private DriftMessages() {}

  static String renamed(String table, String to) {
    return "renamed to "
        + to
        + " in SQLite (ALTER TABLE RENAME TO); its changes are paused: the PostgreSQL table keeps"
        + " the name "
        + table
        + ". Rename it back in SQLite"
        + AGAIN
        + " (then migrate it under its new name)";
  }

  static String dropped() {
    return "dropped in SQLite (DROP TABLE); its changes are paused and the PostgreSQL table keeps"
        + " its rows: create the table again in SQLite"
        + AGAIN;
  }

  static String keyChanged(List<String> was) {
    return "rebuilt in SQLite with another key than "
        + String.join(", ", was)
        + "; its changes are paused: sync follows rows by that key, so sqlite2pg sync stop and"
        + " start again";
  }

  static String created(String table) {
    return "table "
        + table
        + " was created in SQLite during sync; it is not followed: its rows stay in SQLite only"
        + " (sqlite2pg sync stop and sync start include it, or migrate it after cut-over)";
  }

  /**
   * The columns of a table and of its PostgreSQL table no longer match.
   *
   * @param added SQLite's columns the target does not have, with their declared types
   * @param dropped the target's columns (by SQLite name) SQLite no longer has
   */
  static String columns(
      String schema, String target, Map<String, String> added, Map<String, String> dropped) {
    String t = qualified(schema, target);
    if (added.size() == 1 && dropped.size() == 1) {
      String from = dropped.keySet().iterator().next();
      String to = added.keySet().iterator().next();
      return "column "
          + from
          + " renamed to "
          + to
          + " in SQLite (ALTER TABLE RENAME COLUMN); its changes are paused: rename it in"
          + " PostgreSQL (ALTER TABLE "
          + t
          + " RENAME COLUMN "
          + dropped.get(from)
          + " TO "
          + pgName(to)
          + ")"
          + AGAIN;
    }
    if (dropped.isEmpty()) {
      return plural("column", added.keySet())
          + " added in SQLite (ALTER TABLE ADD COLUMN); its changes are paused: add "
          + (added.size() == 1 ? "the column" : "them")
          + " in PostgreSQL (ALTER TABLE "
          + t
          + " "
          + added.entrySet().stream()
              .map(e -> "ADD COLUMN " + pgName(e.getKey()) + " " + pgType(e.getValue()))
              .collect(Collectors.joining(", "))
          + ")"
          + AGAIN;
    }
    if (added.isEmpty()) {
      return plural("column", dropped.keySet())
          + " dropped in SQLite (ALTER TABLE DROP COLUMN); its changes are paused: drop "
          + (dropped.size() == 1 ? "it" : "them")
          + " in PostgreSQL too (ALTER TABLE "
          + t
          + " "
          + dropped.values().stream().map(c -> "DROP COLUMN " + c).collect(Collectors.joining(", "))
          + ")"
          + AGAIN;
    }
    return "its columns no longer match the PostgreSQL table (only in SQLite: "
        + String.join(", ", added.keySet())
        + "; no longer in SQLite: "
        + String.join(", ", dropped.keySet())
        + "); its changes are paused: make "
        + t
        + " match"
        + AGAIN;
  }

  private static String plural(String what, java.util.Collection<String> names) {
    return what + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
  }

  /** The column's name as migrate would give it, written as psql needs it. */
  static String pgName(String sqliteName) {
    String lower = sqliteName.toLowerCase(Locale.ROOT);
    return Identifiers.needsQuotes(lower) ? Identifiers.quote(sqliteName) : lower;
  }

  /**
   * A hint of a type from SQLite's affinity rules (sqlite.org/datatype3.html 3.1); migrate's own
   * rules also look at the values, which a freshly added column does not have yet.
   */
  static String pgType(String declared) {
    String d = declared.toUpperCase(Locale.ROOT);
    if (d.contains("INT")) {
      return "bigint";
    }
    if (d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") || d.isBlank()) {
      return "text";
    }
    if (d.contains("BLOB")) {
      return "bytea";
    }
    if (d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB")) {
      return "double precision";
    }
    return "numeric";
  }
}
