package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Change capture in the application's SQLite file (design 3.2): installed in one short write
 * transaction, removed in another without a trace. Between the two, every committed change to a
 * captured table has a changelog row in the same transaction (M11).
 */
public final class Capture {

  /** The names sqlite2pg adds to the file: its tables and triggers all start with it. */
  static final String PREFIX = "sqlite2pg_";

  private Capture() {}

  /**
   * A connection that may write the application's file, as sync must (and only sync): its waits for
   * the application's writers are bounded by a busy timeout.
   */
  public static Connection writable(java.nio.file.Path file) throws SQLException {
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setBusyTimeout(5_000);
    return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /** The captured tables, each with its key; or, for a table without one, why it is not. */
  public record Captured(List<CaptureKey> keyed, List<String> withoutKey) {}

  /**
   * The tables capture covers: every ordinary table but SQLite's and sqlite2pg's own (virtual
   * tables cannot have triggers, M7, and are not migrated).
   */
  public static Captured tables(Catalog catalog) {
    List<CaptureKey> keyed = new ArrayList<>();
    List<String> without = new ArrayList<>();
    int n = 0;
    for (Table t : catalog.tables()) {
      String lower = t.name().toLowerCase(Locale.ROOT);
      if (lower.startsWith("sqlite_") || lower.startsWith(PREFIX)) {
        continue;
      }
      n++;
      Optional<List<String>> key = CaptureKey.of(t);
      if (key.isPresent()) {
        keyed.add(new CaptureKey(t, n, key.get()));
      } else {
        without.add(t.name());
      }
    }
    return new Captured(List.copyOf(keyed), List.copyOf(without));
  }

  /**
   * Installs the changelog and the triggers of {@code tables}, in one write transaction ({@code
   * BEGIN IMMEDIATE}: the connection's busy timeout bounds the wait for the application's writers).
   * Refuses a file that has capture already, or a table of sqlite2pg's names that is not its own.
   */
  public static void install(Connection c, Captured tables) throws SQLException {
    if (installed(c)) {
      throw new MigrationException(
          Code.SOURCE,
          "the SQLite file has sqlite2pg's change capture already (sync start ran before):"
              + " continue with sqlite2pg sync run, or remove it with sqlite2pg sync stop");
    }
    if (!tables.withoutKey().isEmpty()) {
      throw new MigrationException(
          Code.SOURCE,
          "sync needs a key to follow rows by, and "
              + String.join(", ", tables.withoutKey())
              + " has no PRIMARY KEY and no UNIQUE index over NOT NULL columns: add one, or"
              + " leave the table out with --exclude");
    }
    int width = tables.keyed().stream().mapToInt(k -> k.columns().size()).max().orElse(1);
    boolean autoincrement = hasSequenceTable(c);
    inTransaction(
        c,
        s -> {
          for (String ddl : CaptureSql.tables(width, autoincrement)) {
            s.execute(ddl);
          }
          register(c, tables.keyed());
          for (CaptureKey k : tables.keyed()) {
            for (String ddl : CaptureSql.triggers(k)) {
              s.execute(ddl);
            }
          }
        });
  }

  /**
   * Removes every trigger and table capture added, and its row in sqlite_sequence, in one write
   * transaction; the schema is then as it was before {@link #install}.
   */
  public static void remove(Connection c) throws SQLException {
    List<String[]> objects = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT type, name FROM sqlite_schema WHERE name LIKE 'sqlite2pg\\_%' ESCAPE '\\'"
                + " AND type IN ('trigger', 'table') ORDER BY type = 'table'")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          objects.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    boolean sequence = hasSequenceTable(c);
    inTransaction(
        c,
        s -> {
          for (String[] o : objects) {
            s.execute("DROP " + o[0].toUpperCase(Locale.ROOT) + " " + quote(o[1]));
          }
          if (sequence) {
            s.execute("DELETE FROM sqlite_sequence WHERE name = 'sqlite2pg_changes'");
          }
        });
  }

  /**
   * The tables sync's capture added to {@code catalog}'s file, when it has them: never migrated or
   * verified (design 3.3). Only when the changelog is there, so an application's own table that
   * happens to share the prefix is not taken for sqlite2pg's.
   */
  public static List<String> ownTables(Catalog catalog) {
    if (catalog.table("sqlite2pg_changes").isEmpty()) {
      return List.of();
    }
    return catalog.tables().stream()
        .map(Table::name)
        .filter(
            n ->
                List.of(
                            "sqlite2pg_changes",
                            "sqlite2pg_tables",
                            "sqlite2pg_state",
                            "sqlite2pg_fence")
                        .contains(n)
                    || n.startsWith("sqlite2pg_img_"))
        .toList();
  }

  /** Whether the file has sqlite2pg's changelog. */
  public static boolean installed(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite2pg_changes'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  /**
   * The exact boundary between a snapshot and the stream (design 3.3): the highest changelog id the
   * snapshot holds. Changes up to it are in the snapshot's rows; the later ones are not. With
   * AUTOINCREMENT it is sqlite_sequence's mark, which pruning cannot lower; without, max(id), which
   * pruning never removes (see {@link Changelog#prune}).
   */
  public static long boundary(Connection snapshot) throws SQLException {
    String sql =
        hasSequenceTable(snapshot)
            ? "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sqlite2pg_changes'),"
                + " (SELECT max(id) FROM sqlite2pg_changes), 0)"
            : "SELECT coalesce(max(id), 0) FROM sqlite2pg_changes";
    try (Statement s = snapshot.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void register(Connection c, List<CaptureKey> keyed) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sqlite2pg_tables (n, name, key_cols, mode) VALUES (?, ?, ?, 'key')")) {
      for (CaptureKey k : keyed) {
        ps.setInt(1, k.number());
        ps.setString(2, k.table().name());
        ps.setString(3, String.join(",", k.columns()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static boolean hasSequenceTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'")) {
      return rs.next();
    }
  }

  @FunctionalInterface
  private interface Work {
    void run(Statement s) throws SQLException;
  }

  /** {@code work} in one BEGIN IMMEDIATE transaction, rolled back on any failure. */
  private static void inTransaction(Connection c, Work work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        work.run(s);
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
