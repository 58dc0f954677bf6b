package dev.sqlite2pg.sync;

import dev.sqlite2pg.pg.TargetWrites;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables apply passes over, and why (design 3.5). A pause is written to the target in its own
 * transaction before anything is done about the change, and only a re-sync clears it (in the
 * re-sync's transaction): whatever crashes in between, the next sync run finds the table paused and
 * re-syncs it. Never a silent gap.
 */
final class Pauses {

  private static final Logger LOG = LoggerFactory.getLogger(Pauses.class);

  private final SyncState state;
  private final Map<String, String> paused = new TreeMap<>();

  Pauses(SyncState state) {
    this.state = state;
  }

  Set<String> tables() {
    return Set.copyOf(paused.keySet());
  }

  boolean contains(String table) {
    return paused.containsKey(table);
  }

  /** What a previous run left paused, by source table (each to be resumed or warned again). */
  Map<String, String> before(Connection pg) throws SQLException {
    return state.paused(pg);
  }

  /** Paused for a step sync takes itself at once (a re-sync): no warning. */
  void quietly(Connection pg, String table, String why) throws SQLException {
    write(pg, table, why);
  }

  /** Paused until a person acts: one WARN line, once per reason. */
  void warn(Connection pg, String table, String why) throws SQLException {
    if (!why.equals(paused.get(table))) {
      write(pg, table, why);
      LOG.warn("sync: {}: {}", table, why);
    }
  }

  /** The re-sync's transaction cleared it in the target. */
  void cleared(String table) {
    paused.remove(table);
  }

  private void write(Connection pg, String table, String why) throws SQLException {
    // Committed before anything else happens, whatever transaction the caller has open.
    TargetWrites.inTransaction(pg, s -> state.pause(pg, table, why));
    paused.put(table, why);
  }
}
