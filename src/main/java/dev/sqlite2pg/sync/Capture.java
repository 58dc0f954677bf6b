package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.catalog.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Change capture in the application's SQLite file (design 3.2): installed in one short write
 * transaction, removed in another without a trace. Between the two, every committed change to a
 * captured table has a changelog row in the same transaction (M11).
 */
public final class Capture {

  /** The names sqlite2pg adds to the file: its tables and triggers all start with it. */
  static final String PREFIX = "sqlite2pg_";

  /** How long sync's writes to the file wait for the application's writers (M16). */
  public static final int BUSY_TIMEOUT_MS = 5_000;

  private Capture() {}

  /**
   * A connection that may write the application's file, as sync must (and only sync): its waits for
   * the application's writers are bounded by a busy timeout.
   */
  public static Connection writable(java.nio.file.Path file) throws SQLException {
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /**
   * The captured tables: those with a key, those followed by row images (no key, 4.4 #10), and the
   * virtual tables left out (no triggers possible, M7; not migrated either).
   */
  public record Captured(List<CaptureKey> keyed, List<CaptureKey> images, List<String> virtual) {

    /** Every captured table, keyed and image mode, in changelog-number order. */
    public List<CaptureKey> all() {
      List<CaptureKey> out = new ArrayList<>(keyed);
      out.addAll(images);
      out.sort(Comparator.comparingInt(CaptureKey::number));
      return List.copyOf(out);
    }
  }

  /**
   * The tables capture covers: every ordinary table but SQLite's and sqlite2pg's own (virtual
   * tables cannot have triggers, M7, and are not migrated; their shadow tables are not ordinary
   * tables in the catalog either).
   */
  public static Captured tables(Catalog catalog) {
    List<CaptureKey> keyed = new ArrayList<>();
    List<CaptureKey> images = new ArrayList<>();
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
        images.add(new CaptureKey(t, n, List.of()));
      }
    }
    List<String> virtual =
        catalog.others().stream()
            .filter(o -> o.kind() == SchemaObject.Kind.VIRTUAL_TABLE)
            .map(SchemaObject::name)
            .toList();
    return new Captured(List.copyOf(keyed), List.copyOf(images), virtual);
  }

  /**
   * Installs the changelog, the image tables and the triggers of {@code tables}, in one write
   * transaction ({@code BEGIN IMMEDIATE}: the connection's busy timeout bounds the wait for the
   * application's writers). Refuses a file that has capture already.
   */
  public static void install(Connection c, Captured tables) throws SQLException {
    if (installed(c)) {
      throw new MigrationException(
          Code.SOURCE,
          "the SQLite file has sqlite2pg's change capture already (sync start ran before):"
              + " continue with sqlite2pg sync run, or remove it with sqlite2pg sync stop");
    }
    int width = tables.keyed().stream().mapToInt(k -> k.columns().size()).max().orElse(1);
    boolean autoincrement = hasSequenceTable(c);
    Writes.statements(
        c,
        s -> {
          for (String ddl : CaptureSql.tables(width, autoincrement)) {
            s.execute(ddl);
          }
          register(c, tables.all());
          for (CaptureKey k : tables.all()) {
            create(s, k);
          }
        });
  }

  /**
   * Drops one captured table's triggers (and its image table, which holds no unapplied rows only
   * when the caller has applied them) and creates them again from {@code key}, in one write
   * transaction: for a table whose columns changed (design 3.5). Its registration is updated.
   */
  public static void reinstall(Connection c, CaptureKey key) throws SQLException {
    List<String[]> objects = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT type, name FROM sqlite_schema WHERE (type = 'trigger' AND name IN (?, ?, ?, ?,"
                + " ?)) OR (type = 'table' AND name = ?) ORDER BY type = 'table'")) {
      int i = 1;
      for (String kind : CaptureSql.KINDS) {
        ps.setString(i++, CaptureSql.name(kind, key.number()));
      }
      ps.setString(i, key.imageTable());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          objects.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    Writes.statements(
        c,
        s -> {
          for (String[] o : objects) {
            s.execute("DROP " + o[0].toUpperCase(Locale.ROOT) + " " + quote(o[1]));
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM sqlite2pg_tables WHERE n = ?")) {
            ps.setInt(1, key.number());
            ps.executeUpdate();
          }
          register(c, List.of(key));
          create(s, key);
        });
  }

  /** One table's image table (in image mode) and triggers. */
  private static void create(Statement s, CaptureKey k) throws SQLException {
    if (k.image()) {
      for (String ddl : CaptureSql.imageTable(k)) {
        s.execute(ddl);
      }
    }
    for (String ddl : CaptureSql.triggers(k)) {
      s.execute(ddl);
    }
  }

  /**
   * How many rows each image-mode table holds, for sync start's report (design 3.2: DMS and Qlik
   * warn about the same class of table).
   */
  public static Map<String, Long> imageRows(Connection c, Captured tables) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      for (CaptureKey k : tables.images()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(k.table().name()))) {
          rs.next();
          out.put(k.table().name(), rs.getLong(1));
        }
      }
    }
    return out;
  }

  /**
   * Removes every trigger and table capture added, and its row in sqlite_sequence, in one write
   * transaction; the schema is then as it was before {@link #install}. After a cut-over the fence
   * and its marker stay (design 3.7): without them the file would take writes again while
   * PostgreSQL takes them too. True when they stayed.
   */
  public static boolean remove(Connection c) throws SQLException {
    boolean keepFence = SqliteFence.marker(c).isPresent();
    List<String[]> objects = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT type, name FROM sqlite_schema WHERE name LIKE 'sqlite2pg\\_%' ESCAPE '\\'"
                + " AND type IN ('trigger', 'table') ORDER BY type = 'table'")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!(keepFence && SqliteFence.isFence(rs.getString(2)))) {
            if (!(keepFence && SqliteFence.isFence(rs.getString(2)))) {
              objects.add(new String[] {rs.getString(1), rs.getString(2)});
            }
          }
        }
      }
    }
    boolean sequence = hasSequenceTable(c);
    Writes.statements(
        c,
        s -> {
          for (String[] o : objects) {
            s.execute("DROP " + o[0].toUpperCase(Locale.ROOT) + " " + quote(o[1]));
          }
          if (sequence) {
            s.execute("DELETE FROM sqlite_sequence WHERE name = 'sqlite2pg_changes'");
          }
        });
    return keepFence;
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

  private static void register(Connection c, List<CaptureKey> captured) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sqlite2pg_tables (n, name, key_cols, mode) VALUES (?, ?, ?, ?)")) {
      for (CaptureKey k : captured) {
        ps.setInt(1, k.number());
        ps.setString(2, k.table().name());
        ps.setString(3, String.join(",", k.columns()));
        ps.setString(4, k.image() ? "image" : "key");
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
}
