package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.TargetWrites;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reverse capture on PostgreSQL (design 3.8, option R1): triggers on the migrated tables record in
 * {@code sqlite2pg.changes} what the application writes there after cut-over, for a rollback to
 * bring back to SQLite ({@link ReverseChanges} reads and consumes it). Installed in one
 * transaction, removed in one without a trace. Works for the tables' owner without superuser,
 * REPLICATION or {@code wal_level=logical} (it needs CREATE on schema {@code sqlite2pg}, or on the
 * database while that schema does not exist); the application's role needs no privilege on the
 * changelog (the trigger functions run as their owner, SECURITY DEFINER).
 */
public final class ReverseCapture {

  /** Statement-level triggers of a table with a key, one per event, and TRUNCATE's. */
  static final String INSERTED = "sqlite2pg_reverse_i";

  static final String UPDATED = "sqlite2pg_reverse_u";
  static final String DELETED = "sqlite2pg_reverse_d";
  static final String TRUNCATED = "sqlite2pg_reverse_t";

  /** The row-level trigger of a table without a key. */
  static final String IMAGES = "sqlite2pg_reverse_row";

  /**
   * Forward sync's apply writes with {@code sqlite2pg.applying} set, and those writes came from
   * SQLite: the functions return at once then, and this condition spares a row-level trigger's
   * queued event per row besides (the transition tables are filled all the same: +12 % on a
   * 5,000-row apply, bench/reverse.md).
   */
  private static final String NOT_APPLYING =
      " WHEN (current_setting('sqlite2pg.applying', true) IS DISTINCT FROM 'on')";

  private static final List<String> TRIGGERS =
      List.of(INSERTED, UPDATED, DELETED, TRUNCATED, IMAGES);

  private ReverseCapture() {}

  /**
   * Installs reverse capture on the tables of {@code plans} in {@code schema}, in one transaction
   * (CREATE TRIGGER locks each table against writes until it commits: install before the
   * application writes to PostgreSQL, at sync start). Installing again replaces the triggers and
   * keeps the tables' numbers and pending changes. Returns the tables as registered.
   */
  public static List<ReverseTable> install(Connection pg, String schema, List<TablePlan> plans)
      throws SQLException {
    List<ReverseTable> out = new ArrayList<>();
    TargetWrites.inTransaction(
        pg,
        s -> {
          s.execute(SqlResources.load("pg-reverse-capture"));
          for (TablePlan p : plans) {
            ReverseTable t = register(pg, schema, p.target(), p.source().name(), key(p));
            create(s, t);
            out.add(t);
          }
        });
    return List.copyOf(out);
  }

  /**
   * Removes reverse capture from {@code schema}: its triggers, functions, registrations and pending
   * changes; and, when no other schema uses them, the changelog, the registry and the shared
   * functions (and schema {@code sqlite2pg} itself when nothing else is left in it). One
   * transaction; nothing to do when it is not installed.
   */
  public static void remove(Connection pg, String schema) throws SQLException {
    if (!TargetTables.exist(pg, "sqlite2pg.reverse_tables")) {
      return;
    }
    List<ReverseTable> tables = tables(pg, schema);
    List<String[]> triggers = triggers(pg, schema);
    TargetWrites.inTransaction(
        pg,
        s -> {
          for (String[] t : triggers) {
            s.execute("DROP TRIGGER " + quote(t[1]) + " ON " + qualified(schema, t[0]));
          }
          for (ReverseTable t : tables) {
            s.execute("DROP FUNCTION IF EXISTS " + qualified("sqlite2pg", t.function()) + "()");
          }
          Integer[] numbers = tables.stream().map(ReverseTable::number).toArray(Integer[]::new);
          TargetWrites.update(
              pg,
              "DELETE FROM sqlite2pg.changes WHERE tbl = ANY (?)",
              pg.createArrayOf("integer", numbers));
          TargetWrites.update(
              pg, "DELETE FROM sqlite2pg.reverse_tables WHERE target_schema = ?", schema);
          if (!any(s, "SELECT 1 FROM sqlite2pg.reverse_tables")) {
            dropShared(s);
          }
        });
  }

  /** Whether reverse capture is installed in {@code schema}. */
  public static boolean installed(Connection pg, String schema) throws SQLException {
    return !tables(pg, schema).isEmpty();
  }

  /** The tables of {@code schema} under reverse capture, by number; none when not installed. */
  public static List<ReverseTable> tables(Connection pg, String schema) throws SQLException {
    if (!TargetTables.exist(pg, "sqlite2pg.reverse_tables")) {
      return List.of();
    }
    List<ReverseTable> out = new ArrayList<>();
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT n, table_name, source_table, key_columns FROM sqlite2pg.reverse_tables"
                + " WHERE target_schema = ? ORDER BY n")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ReverseTable(
                  rs.getInt(1),
                  schema,
                  rs.getString(2),
                  rs.getString(3),
                  Arrays.asList((String[]) rs.getArray(4).getArray())));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The PostgreSQL columns of the key forward sync follows the table by; none without one. */
  static List<String> key(TablePlan p) {
    return CaptureKey.of(p.source())
        .map(cols -> cols.stream().map(c -> p.column(c).orElseThrow().target()).toList())
        .orElse(List.of());
  }

  /**
   * The table's registration: its number kept when it has one. A key that changed while changes
   * recorded under the old one are pending is refused: they could no longer be read.
   */
  private static ReverseTable register(
      Connection pg, String schema, String table, String source, List<String> key)
      throws SQLException {
    Optional<ReverseTable> old =
        tables(pg, schema).stream().filter(t -> t.table().equals(table)).findFirst();
    if (old.isPresent() && !old.get().key().equals(key) && pending(pg, old.get())) {
      throw new MigrationException(
          Code.TARGET,
          "the key of "
              + qualified(schema, table)
              + " changed while reverse changes recorded under the old one are pending:"
              + " consume them (sqlite2pg rollback) before installing reverse capture again");
    }
    try (PreparedStatement ps =
        pg.prepareStatement(
            "INSERT INTO sqlite2pg.reverse_tables (target_schema, table_name, source_table,"
                + " key_columns) VALUES (?, ?, ?, ?) ON CONFLICT (target_schema, table_name) DO"
                + " UPDATE SET source_table = excluded.source_table, key_columns ="
                + " excluded.key_columns RETURNING n")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      ps.setString(3, source);
      ps.setArray(4, pg.createArrayOf("text", key.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new ReverseTable(rs.getInt(1), schema, table, source, key);
      }
    }
  }

  private static boolean pending(Connection pg, ReverseTable t) throws SQLException {
    try (PreparedStatement ps =
        pg.prepareStatement("SELECT 1 FROM sqlite2pg.changes WHERE tbl = ? LIMIT 1")) {
      ps.setInt(1, t.number());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** One table's triggers (and, with a key, its function), replacing any it had. */
  private static void create(Statement s, ReverseTable t) throws SQLException {
    String table = qualified(t.schema(), t.table());
    for (String name : TRIGGERS) {
      s.execute("DROP TRIGGER IF EXISTS " + quote(name) + " ON " + table);
    }
    String n = Integer.toString(t.number());
    if (t.images()) {
      s.execute("DROP FUNCTION IF EXISTS " + qualified("sqlite2pg", t.function()) + "()");
      s.execute(
          trigger(IMAGES, "INSERT OR UPDATE OR DELETE", table, "ROW", "", "reverse_image", n));
    } else {
      s.execute(
          SqlResources.load("pg-reverse-keyed")
              .replace("{function}", t.function())
              .replace("{n}", n)
              .replace("{new}", columns("n", t.key()))
              .replace("{old}", columns("o", t.key())));
      String f = t.function();
      s.execute(trigger(INSERTED, "INSERT", table, "STATEMENT", "NEW TABLE AS new_rows", f, ""));
      s.execute(
          trigger(
              UPDATED,
              "UPDATE",
              table,
              "STATEMENT",
              "OLD TABLE AS old_rows NEW TABLE AS new_rows",
              f,
              ""));
      s.execute(trigger(DELETED, "DELETE", table, "STATEMENT", "OLD TABLE AS old_rows", f, ""));
    }
    s.execute(trigger(TRUNCATED, "TRUNCATE", table, "STATEMENT", "", "reverse_truncate", n));
  }

  private static String trigger(
      String name,
      String events,
      String table,
      String level,
      String referencing,
      String function,
      String argument) {
    return "CREATE TRIGGER "
        + quote(name)
        + " AFTER "
        + events
        + " ON "
        + table
        + (referencing.isEmpty() ? "" : " REFERENCING " + referencing)
        + " FOR EACH "
        + level
        + NOT_APPLYING
        + " EXECUTE FUNCTION "
        + qualified("sqlite2pg", function)
        + "("
        + (argument.isEmpty() ? "" : "'" + argument + "'")
        + ")";
  }

  private static String columns(String alias, List<String> key) {
    return key.stream().map(c -> alias + "." + quote(c)).collect(Collectors.joining(", "));
  }

  /** The reverse triggers on {@code schema}'s tables, as (table, trigger). */
  private static List<String[]> triggers(Connection pg, String schema) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement ps =
        pg.prepareStatement(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = ? AND"
                + " t.tgname = ANY (?) ORDER BY 1, 2")) {
      ps.setString(1, schema);
      ps.setArray(2, pg.createArrayOf("text", TRIGGERS.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return out;
  }

  /** The changelog, the registry, the shared functions, and the schema if that leaves it empty. */
  private static void dropShared(Statement s) throws SQLException {
    s.execute("DROP TABLE sqlite2pg.changes, sqlite2pg.reverse_tables");
    s.execute("DROP FUNCTION sqlite2pg.reverse_image(), sqlite2pg.reverse_truncate()");
    if (!any(
        s,
        "SELECT 1 FROM pg_depend WHERE refclassid = 'pg_namespace'::regclass"
            + " AND refobjid = 'sqlite2pg'::regnamespace")) {
      s.execute("DROP SCHEMA sqlite2pg");
    }
  }

  private static boolean any(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      return rs.next();
    }
  }
}
