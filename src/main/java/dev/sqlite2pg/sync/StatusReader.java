package dev.sqlite2pg.sync;

import dev.sqlite2pg.SyncStatus;
import dev.sqlite2pg.SyncStatus.Phase;
import dev.sqlite2pg.pg.state.RunLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@link SyncStatus} from both sides (design 3.10), writing to neither: the changelog in
 * one SQLite read transaction, the progress and the run lock in PostgreSQL. Lag is the writer's
 * clock of the oldest pending change against this host's: the two are the same host when the
 * application and the SQLite file are.
 */
public final class StatusReader {

  private final String schema;
  private final Clock clock;

  public StatusReader(String schema, Clock clock) {
    this.schema = schema;
    this.clock = clock;
  }

  /** The status now. */
  public SyncStatus read(Connection sqlite, Connection pg) throws SQLException {
    SyncState state = new SyncState(schema);
    // The progress and the per-table counts as of one moment: a batch committing between the two
    // reads would make them disagree.
    boolean pgAuto = pg.getAutoCommit();
    pg.setAutoCommit(false);
    pg.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    Optional<SyncState.Progress> progress;
    Map<String, SyncState.TableProgress> tables;
    Optional<String> follower;
    ReverseChanges.Pending reverse;
    try {
      progress = state.progress(pg);
      tables = state.tables(pg);
      follower = RunLock.heldBy(pg, schema);
      reverse = new ReverseChanges(schema).pending(pg);
    } finally {
      pg.rollback();
      pg.setAutoCommit(pgAuto);
    }
    boolean auto = sqlite.getAutoCommit();
    sqlite.setAutoCommit(false); // the changelog's numbers as of one moment
    try {
      if (!Capture.installed(sqlite)) {
        return new SyncStatus(
            Phase.NOT_STARTED,
            0,
            0,
            0,
            0,
            Duration.ZERO,
            Optional.empty(),
            Optional.empty(),
            follower,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            0,
            Duration.ZERO);
      }
      long applied = progress.map(SyncState.Progress::applied).orElse(0L);
      Pending pending = pending(sqlite, applied);
      return new SyncStatus(
          phase(progress, follower.isPresent()),
          progress.map(SyncState.Progress::boundary).orElse(0L),
          Capture.boundary(sqlite),
          applied,
          pending.total(),
          pending.oldest() == null
              ? Duration.ZERO
              : Duration.ofMillis(Math.max(0, clock.millis() - pending.oldest())),
          progress.map(SyncState.Progress::appliedAt),
          progress.map(SyncState.Progress::startedAt),
          follower,
          tables(sqlite, tables, pending.byTable()),
          progress.flatMap(SyncState.Progress::verified),
          cutover(progress, SqliteFence.marker(sqlite)),
          reverse.changes(),
          reverse.lag());
    } finally {
      sqlite.rollback();
      sqlite.setAutoCommit(auto);
    }
  }

  /**
   * The cut-over PostgreSQL records, with SQLite's decision when PostgreSQL has not recorded it yet
   * (a cut-over stopped between the two: SQLite's commit is what decided).
   */
  private static Optional<SyncStatus.Cutover> cutover(
      Optional<SyncState.Progress> progress, Optional<SqliteFence.Marker> marker) {
    return progress
        .flatMap(SyncState.Progress::cutover)
        .map(
            c ->
                c.at().isPresent() || marker.isEmpty()
                    ? c
                    : new SyncStatus.Cutover(
                        marker.get().changeId(),
                        c.drained(),
                        Optional.of(marker.get().at()),
                        c.lockMs(),
                        c.foreignKeys()));
  }

  private static Phase phase(Optional<SyncState.Progress> progress, boolean following) {
    String recorded = progress.map(SyncState.Progress::phase).orElse("sync");
    if (recorded.equals("cut-over")) {
      return Phase.CUT_OVER;
    }
    if (recorded.equals("rolling-back") && !following) {
      return Phase.ROLLING_BACK;
    }
    if (recorded.equals("cutting-over") && !following) {
      return Phase.CUTTING_OVER; // a cut-over that is running holds the run lock: following
    }
    if (progress.isEmpty()) {
      return following ? Phase.COPYING : Phase.COPY_INTERRUPTED;
    }
    return following ? Phase.FOLLOWING : Phase.STOPPED;
  }

  /** Pending changes in total and per table number, and the oldest one's writer time. */
  private record Pending(long total, Long oldest, Map<Integer, Long> byTable) {}

  private static Pending pending(Connection sqlite, long applied) throws SQLException {
    Map<Integer, Long> byTable = new HashMap<>();
    long total = 0;
    Long oldest = null;
    try (PreparedStatement ps =
        sqlite.prepareStatement(
            "SELECT tbl, count(*), min(ts) FROM sqlite2pg_changes WHERE id > ? GROUP BY tbl")) {
      ps.setLong(1, applied);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byTable.put(rs.getInt(1), rs.getLong(2));
          total += rs.getLong(2);
          long ts = rs.getLong(3);
          if (!rs.wasNull()) {
            oldest = oldest == null ? ts : Math.min(oldest, ts);
          }
        }
      }
    }
    return new Pending(total, oldest, byTable);
  }

  private static List<SyncStatus.Table> tables(
      Connection sqlite, Map<String, SyncState.TableProgress> progress, Map<Integer, Long> pending)
      throws SQLException {
    List<SyncStatus.Table> out = new ArrayList<>();
    try (PreparedStatement ps =
            sqlite.prepareStatement("SELECT n, name, mode FROM sqlite2pg_tables ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(2);
        Optional<SyncState.TableProgress> p = Optional.ofNullable(progress.get(name));
        out.add(
            new SyncStatus.Table(
                name,
                rs.getString(3),
                p.map(SyncState.TableProgress::appliedChanges).orElse(0L),
                pending.getOrDefault(rs.getInt(1), 0L),
                p.flatMap(SyncState.TableProgress::paused)));
      }
    }
    return out;
  }
}
