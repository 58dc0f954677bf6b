package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.quote;
import static dev.sqlite2pg.sync.SourceSchema.lower;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sync.SourceSchema.Shape;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema drift during sync (design 3.5; 4.4 #6-#9): before every batch, {@code PRAGMA
 * schema_version}; when it moved, {@code sqlite_schema} is read again and each followed table
 * judged against the shape sync last accepted for it. A table whose capture triggers are gone (a
 * rebuild) gets them back at once and is re-synced; a table apply can no longer follow (columns
 * added, dropped or renamed, the table dropped or renamed) is paused with one line that says what
 * to do ({@link Pauses}), and re-synced as soon as it fits again: within the run when SQLite comes
 * back to the plan (a table renamed back, Alembic's rebuild seen half-way), at the next {@code sync
 * run} when PostgreSQL was changed to match.
 */
public final class SchemaWatch {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaWatch.class);

  private final String schema;
  private final Resync resync;
  private final Pauses paused;
  private final Map<String, Followed> followed = new LinkedHashMap<>();
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
    this.resync = new Resync(schema, utf8);
    this.paused = new Pauses(new SyncState(schema));
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
            s.executeQuery("SELECT n, name, key_cols, mode FROM sqlite2pg_tables ORDER BY n")) {
      while (rs.next()) {
        int n = rs.getInt(1);
        // An image-mode table's key_cols is '': its key is empty, not [""].
        List<String> key =
            rs.getString(4).equals("image") ? List.of() : List.of(rs.getString(3).split(","));
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
   * Whether SQLite's schema is as the last {@link #check} saw it and no table is paused: what
   * cut-over's drain requires under the lock (a schema change then aborts the cut-over).
   */
  public boolean settled(Connection sqlite) throws SQLException {
    return SourceSchema.version(sqlite) == version && paused.tables().isEmpty();
  }

  /**
   * Notices schema changes since the last call and handles them; returns the source tables whose
   * changes apply must skip (paused: the re-sync that ends the pause covers them).
   */
  public Set<String> check(Connection sqlite, Connection pg) throws SQLException {
    long v = SourceSchema.version(sqlite);
    if (v == version) {
      return paused.tables();
    }
    if (recorded == null) {
      start(sqlite, pg);
    }
    SourceSchema now = SourceSchema.read(sqlite);
    for (Followed f : followed.values()) {
      if (!paused.contains(f.name())) {
        judge(sqlite, pg, f, now);
      } else if (now.table(f.name()).isPresent()
          && ColumnFit.misfit(sqlite, schema, f.plan()).isEmpty()) {
        resume(sqlite, pg, f); // back as the plan has it
      }
    }
    for (Shape t : now.tables().values()) {
      if (!recorded.containsKey(lower(t.name())) && reportable(now, t.name())) {
        LOG.warn("sync: {}", DriftMessages.created(t.name()));
      }
    }
    // Recorded only now, after every pause this change needs is in the target: a crash before
    // this line judges the change again; a crash after it finds the pauses.
    if (!now.tables().equals(recorded)) {
      Map<String, Shape> accepted = now.tables();
      Writes.immediate(
          sqlite,
          () -> {
            SourceSchema.record(sqlite, accepted);
            return null;
          });
    }
    recorded = now.tables();
    // The version read first: the triggers reinstalled here move it again, and the next check
    // looks once more and finds nothing, rather than take an application's change for ours.
    version = v;
    return paused.tables();
  }

  /**
   * The first look of a {@code sync run}: the recorded shapes (or the file's own, when capture was
   * installed by a build that recorded none), and the tables a previous run left paused, each
   * re-synced if it fits now, else warned about again.
   */
  private void start(Connection sqlite, Connection pg) throws SQLException {
    recorded = SourceSchema.recorded(sqlite);
    if (recorded.isEmpty()) {
      recorded = SourceSchema.read(sqlite).tables();
    }
    Map<String, String> before = paused.before(pg);
    gone(sqlite, pg, before);
    for (Map.Entry<String, String> p : before.entrySet()) {
      Followed f = followed.get(lower(p.getKey()));
      if (f != null) {
        resume(sqlite, pg, f);
      } else {
        paused.warn(pg, p.getKey(), p.getValue());
      }
    }
  }

  /**
   * Captured tables gone from the file while sync was not running: nobody follows them now (the
   * plan has SQLite's tables), so they are paused by name, saying so, rather than left behind.
   */
  private void gone(Connection sqlite, Connection pg, Map<String, String> before)
      throws SQLException {
    SourceSchema now = SourceSchema.read(sqlite);
    try (Statement s = sqlite.createStatement();
        ResultSet rs = s.executeQuery("SELECT n, name FROM sqlite2pg_tables ORDER BY n")) {
      while (rs.next()) {
        String name = rs.getString(2);
        if (now.table(name).isEmpty() && !before.containsKey(name)) {
          paused.warn(pg, name, missing(now, name, rs.getInt(1)));
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
      paused.warn(pg, name, missing(now, name, f.key().number()));
      return;
    }
    Shape before = recorded.getOrDefault(lower(name), shape.get());
    boolean rebuilt = !now.captured(name, f.key().number());
    if (rebuilt || !before.uniques().equals(shape.get().uniques())) {
      // Rows written between the rebuild (or the new UNIQUE index, whose REPLACE conflicts the
      // BEFORE triggers do not see yet, 4.4 #1) and the reinstall were not captured: paused
      // first, so a crash from here on still re-syncs the table at the next sync run.
      paused.quietly(
          pg,
          name,
          rebuilt
              ? "rebuilt in SQLite, its capture triggers gone (M8); being re-synced"
              : "UNIQUE indexes changed in SQLite; being re-synced");
      resume(sqlite, pg, f);
    } else if (!before.sql().equals(shape.get().sql())) {
      Optional<String> why = ColumnFit.misfit(sqlite, schema, f.plan());
      if (why.isPresent()) {
        paused.warn(pg, name, why.get());
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
      why = ColumnFit.misfit(sqlite, schema, f.plan());
    }
    if (why.isPresent()) {
      paused.warn(pg, f.name(), why.get());
      return;
    }
    long rows = resync.table(sqlite, pg, f.plan());
    paused.cleared(f.name());
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
            return Optional.of(missing(SourceSchema.read(sqlite), f.name(), f.key().number()));
          }
          // An image-mode table has no key and must still have none (a key gained or lost
          // changes what the changelog records).
          List<String> key = CaptureKey.of(t.get()).orElse(List.of());
          List<String> was = f.key().columns();
          if (!lowered(key).equals(lowered(was))) {
            return Optional.of(DriftMessages.keyChanged(was));
          }
          CaptureKey k = new CaptureKey(t.get(), f.key().number(), key);
          try (Statement s = sqlite.createStatement()) {
            for (String kind : CaptureSql.KINDS) {
              s.execute("DROP TRIGGER IF EXISTS " + CaptureSql.name(kind, k.number()));
            }
            if (k.image()) { // its images, with the table's columns now; the re-sync covers the gap
              s.execute("DROP TABLE IF EXISTS " + quote(k.imageTable()));
              for (String ddl : CaptureSql.imageTable(k)) {
                s.execute(ddl);
              }
            }
            for (String ddl : CaptureSql.triggers(k)) {
              s.execute(ddl);
            }
          }
          return Optional.empty();
        });
  }

  /** A captured table not in the file: renamed (its triggers went with it), or dropped. */
  private static String missing(SourceSchema now, String table, int n) {
    Optional<String> to = now.triggerTable(CaptureSql.name("ai", n));
    return to.isPresent() ? DriftMessages.renamed(table, to.get()) : DriftMessages.dropped();
  }

  /**
   * Whether a table new to sync is worth a warning: not a captured table under a new name, and not
   * Alembic's {@code _alembic_tmp_} copy, which a batch migration renames over its table moments
   * later (its rebuild is handled as one).
   */
  private static boolean reportable(SourceSchema now, String table) {
    return !now.hasCapture(table) && !lower(table).startsWith("_alembic_tmp_");
  }

  private static List<String> lowered(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }
}
