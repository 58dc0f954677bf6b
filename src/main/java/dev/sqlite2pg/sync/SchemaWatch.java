package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sync.SourceSchema.lower;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sync.SourceSchema.Shape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema drift during sync (design 3.5; 4.4 #6-#9): before every batch, {@code PRAGMA
 * schema_version}; when it moved, {@code sqlite_schema} is read again and each followed table
 * judged against the shape sync last accepted for it. A table whose capture triggers are gone (a
 * rebuild) gets them back at once and is re-synced; a table apply can no longer follow (columns
 * added, dropped or renamed, the table dropped or renamed) is paused with one line that says what
 * to do, and re-synced when a later {@code sync run} finds it fits. Never a silent gap: every gap
 * is covered by a pause, recorded in the target before anything else, that only a re-sync clears.
 */
public final class SchemaWatch {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaWatch.class);

  private final String schema;
  private final SyncState state;
  private final Resync resync;
  private final Map<String, Followed> followed = new LinkedHashMap<>();
  private final Set<String> paused = new TreeSet<>();
  private Map<String, Shape> recorded;
  private long version = Long.MIN_VALUE;

  /** A table apply follows: its changelog number and key, and its plan. */
  private record Followed(CaptureKey key, TablePlan plan) {
    String name() {
      return plan.source().name();
    }
  }

  /**
   * @param keys the captured tables, as {@link #captured} reads them
   * @param plans the plans apply uses for them
   */
  public SchemaWatch(String schema, boolean utf8, List<CaptureKey> keys, List<TablePlan> plans) {
    this.schema = schema;
    this.state = new SyncState(schema);
    this.resync = new Resync(schema, utf8);
    for (CaptureKey k : keys) {
      plans.stream()
          .filter(p -> p.source().name().equalsIgnoreCase(k.table().name()))
          .findFirst()
          .ifPresent(p -> followed.put(lower(p.source().name()), new Followed(k, p)));
    }
  }

  /**
   * The captured tables with the numbers install gave them ({@code sqlite2pg_tables}), not the
   * numbers {@link Capture#tables} would give now: a rebuilt table moves to the end of {@code
   * sqlite_schema}, and a new table shifts the count.
   */
  public static List<CaptureKey> captured(Connection sqlite, Catalog catalog) throws SQLException {
    List<CaptureKey> out = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT n, name, key_cols FROM sqlite2pg_tables WHERE mode = 'key' ORDER BY n")) {
      while (rs.next()) {
        int n = rs.getInt(1);
        List<String> key = List.of(rs.getString(3).split(","));
        catalog.table(rs.getString(2)).ifPresent(t -> out.add(new CaptureKey(t, n, key)));
      }
    }
    return out;
  }

  /** At install: the shapes drift is judged against, in the file beside the data. */
  public static void record(Connection sqlite) throws SQLException {
    Map<String, Shape> now = SourceSchema.read(sqlite).tables();
    Writes.immediate(
        sqlite,
        () -> {
          SourceSchema.record(sqlite, now);
          return null;
        });
  }

  /**
   * Before each batch: notices schema changes since the last call and handles them; returns the
   * source tables whose changes apply must skip (paused: a re-sync will cover them).
   */
  public Set<String> check(Connection sqlite, Connection pg) throws SQLException {
    long v = SourceSchema.version(sqlite);
    if (v == version) {
      return Set.copyOf(paused);
    }
    if (recorded == null) {
      start(sqlite, pg);
    }
    SourceSchema now = SourceSchema.read(sqlite);
    for (Followed f : followed.values()) {
      if (!paused.contains(f.name())) {
        judge(sqlite, pg, f, now);
      }
    }
    for (Shape t : now.tables().values()) {
      if (!recorded.containsKey(lower(t.name())) && !now.hasCapture(t.name())) {
        LOG.warn("sync: {}", DriftMessages.created(t.name()));
      }
    }
    // Recorded only now, after every pause this change needs is in the target: a crash before
    // this line judges the change again; a crash after it finds the pauses.
    recorded = now.tables();
    Map<String, Shape> accepted = recorded;
    Writes.immediate(
        sqlite,
        () -> {
          SourceSchema.record(sqlite, accepted);
          return null;
        });
    // Our own trigger DDL and this write move the version too: one more look, which finds
    // nothing, rather than a change of the application's taken for ours.
    version = v;
    return Set.copyOf(paused);
  }

  /**
   * One batch of {@code apply} after the check. A batch that fails because the schema moved under
   * it (a DROP or RENAME COLUMN committed between the check and the batch's read transaction: "no
   * such column") comes back empty, and the next check handles the change: a schema change pauses a
   * table, it does not end sync.
   */
  public Apply.Batch batch(Apply apply, Connection sqlite, Connection pg, long applied, int limit)
      throws SQLException {
    apply.skip(check(sqlite, pg));
    try {
      return apply.batch(sqlite, pg, applied, limit);
    } catch (SQLException e) {
      if (SourceSchema.version(sqlite) == version) {
        throw e;
      }
      LOG.info("sync: the schema changed during a batch ({}); looking again", e.getMessage());
      return new Apply.Batch(applied, 0, 0);
    }
  }

  /**
   * The first look of a {@code sync run}: the recorded shapes (or the file's own, when capture was
   * installed by a build that recorded none), and the tables a previous run paused, each re-synced
   * if it fits now.
   */
  private void start(Connection sqlite, Connection pg) throws SQLException {
    recorded = SourceSchema.recorded(sqlite);
    if (recorded.isEmpty()) {
      recorded = SourceSchema.read(sqlite).tables();
    }
    Map<String, String> before = state.paused(pg);
    pauseMissing(sqlite, pg, before);
    for (Map.Entry<String, String> p : before.entrySet()) {
      Followed f = followed.get(lower(p.getKey()));
      if (f != null) {
        paused.add(f.name());
        resume(sqlite, pg, f);
      } else {
        LOG.warn("sync: {} stays paused: {}", p.getKey(), p.getValue());
      }
    }
  }

  /**
   * Captured tables gone from the file while sync was not running: nobody follows them now (the
   * plan is SQLite's tables), so they are paused by name, saying so, rather than left behind.
   */
  private void pauseMissing(Connection sqlite, Connection pg, Map<String, String> paused)
      throws SQLException {
    SourceSchema now = SourceSchema.read(sqlite);
    try (Statement s = sqlite.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT n, name FROM sqlite2pg_tables WHERE mode = 'key' ORDER BY n")) {
      while (rs.next()) {
        String name = rs.getString(2);
        if (now.table(name).isEmpty() && !paused.containsKey(name)) {
          Optional<String> to = now.triggerTable(CaptureSql.name("ai", rs.getInt(1)));
          String why =
              to.isPresent() ? DriftMessages.renamed(name, to.get()) : DriftMessages.dropped();
          pause(pg, name, why);
          LOG.warn("sync: {}: {}", name, why);
        }
      }
    }
  }

  /** One followed table against its recorded shape. */
  private void judge(Connection sqlite, Connection pg, Followed f, SourceSchema now)
      throws SQLException {
    String name = f.name();
    Optional<Shape> shape = now.table(name);
    if (shape.isEmpty()) {
      Optional<String> to = now.triggerTable(CaptureSql.name("ai", f.key().number()));
      pause(
          pg, f, to.isPresent() ? DriftMessages.renamed(name, to.get()) : DriftMessages.dropped());
      return;
    }
    Shape before = recorded.getOrDefault(lower(name), shape.get());
    boolean rebuilt = !now.captured(name, f.key().number());
    boolean uniques = !before.uniques().equals(shape.get().uniques());
    if (rebuilt || uniques) {
      // Rows written between the rebuild (or the new UNIQUE index, whose REPLACE conflicts the
      // BEFORE triggers do not see yet) and the reinstall were not captured: pause first, so a
      // crash from here on still re-syncs the table at the next sync run.
      pause(
          pg,
          f,
          rebuilt
              ? "rebuilt in SQLite, its capture triggers gone (M8); being re-synced"
              : "UNIQUE indexes changed in SQLite; being re-synced");
      resume(sqlite, pg, f);
    } else if (!before.sql().equals(shape.get().sql())) {
      Optional<String> why = misfit(sqlite, f);
      if (why.isPresent()) {
        warnPaused(pg, f, why.get());
      }
    }
    // Otherwise the same text under a new version: VACUUM, CREATE or DROP INDEX (M5). Nothing to
    // re-sync: a key never is a bare rowid (CaptureKey), so renumbered rowids change no key, and
    // image-mode tables find rows by their values, not their rowids.
  }

  /**
   * A paused table back to following: its triggers reinstalled, then, if its columns still fit the
   * plan, its rows re-synced (which clears the pause); otherwise it stays paused, saying why.
   */
  private void resume(Connection sqlite, Connection pg, Followed f) throws SQLException {
    Optional<String> why = reinstall(sqlite, f);
    if (why.isEmpty()) {
      why = misfit(sqlite, f);
    }
    if (why.isPresent()) {
      warnPaused(pg, f, why.get());
      return;
    }
    long rows = resync.table(sqlite, pg, f.plan());
    paused.remove(f.name());
    LOG.info("sync: {} re-synced ({} rows); its changes are applied again", f.name(), rows);
  }

  /**
   * Capture's triggers of one table put back (dropped first where some are left), in one short
   * write transaction that also reads the table, so it cannot change in between; or why they cannot
   * be.
   */
  private Optional<String> reinstall(Connection sqlite, Followed f) throws SQLException {
    return Writes.immediate(
        sqlite,
        () -> {
          Optional<Table> t = new CatalogReader(sqlite).read().table(f.name());
          if (t.isEmpty()) {
            Optional<String> to =
                SourceSchema.read(sqlite).triggerTable(CaptureSql.name("ai", f.key().number()));
            return Optional.of(
                to.isPresent()
                    ? DriftMessages.renamed(f.name(), to.get())
                    : DriftMessages.dropped());
          }
          Optional<List<String>> key = CaptureKey.of(t.get());
          List<String> was = f.key().columns();
          if (key.isEmpty() || !lowered(key.get()).equals(lowered(was))) {
            return Optional.of(DriftMessages.keyChanged(was));
          }
          CaptureKey k = new CaptureKey(t.get(), f.key().number(), key.get());
          try (Statement s = sqlite.createStatement()) {
            for (String kind : List.of("ai", "au", "ad", "bi", "bu")) {
              s.execute("DROP TRIGGER IF EXISTS " + CaptureSql.name(kind, k.number()));
            }
            for (String ddl : CaptureSql.triggers(k)) {
              s.execute(ddl);
            }
          }
          return Optional.empty();
        });
  }

  private static List<String> lowered(List<String> names) {
    return names.stream().map(SourceSchema::lower).toList();
  }

  /**
   * Why the table's columns no longer map to the target's, if they do not: a column SQLite has that
   * the plan lacks, or one the plan copies that SQLite no longer has.
   */
  private Optional<String> misfit(Connection sqlite, Followed f) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement ps =
        sqlite.prepareStatement("SELECT name, type FROM pragma_table_xinfo(?) WHERE hidden <> 1")) {
      ps.setString(1, f.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
        }
      }
    }
    Map<String, String> added = new LinkedHashMap<>();
    columns.forEach(
        (c, type) -> {
          if (f.plan().column(c).isEmpty()) {
            added.put(c, type);
          }
        });
    Map<String, String> dropped = new LinkedHashMap<>();
    for (ColumnPlan c : f.plan().columns()) {
      if (columns.keySet().stream().noneMatch(n -> n.equalsIgnoreCase(c.source().name()))) {
        dropped.put(c.source().name(), dev.sqlite2pg.sql.Identifiers.quote(c.target()));
      }
    }
    if (added.isEmpty() && dropped.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(DriftMessages.columns(schema, f.plan().target(), added, dropped));
  }

  private void warnPaused(Connection pg, Followed f, String why) throws SQLException {
    pause(pg, f, why);
    LOG.warn("sync: {}: {}", f.name(), why);
  }

  private void pause(Connection pg, Followed f, String why) throws SQLException {
    pause(pg, f.name(), why);
    paused.add(f.name());
  }

  /** Recorded in the target in its own transaction before anything else is done about it. */
  private void pause(Connection pg, String table, String why) throws SQLException {
    boolean auto = pg.getAutoCommit();
    pg.setAutoCommit(false);
    try {
      state.pause(pg, table, why);
      pg.commit();
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      throw e;
    } finally {
      pg.setAutoCommit(auto);
    }
  }
}
