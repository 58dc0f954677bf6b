package dev.sqlite2pg;

/**
 * Where a verify of a synced database compared (design 3.6): the change id the SQLite snapshot
 * holds, and the one PostgreSQL had applied when it was read. Equal ids make an EQUAL verdict a
 * statement about one recorded moment of the application's data.
 *
 * @param snapshot the highest change id in the snapshot verify read
 * @param applied the highest change id PostgreSQL held
 */
public record SyncPosition(long snapshot, long applied) {

  /** PostgreSQL had applied every change the snapshot holds, and no later one. */
  public boolean same() {
    return snapshot == applied;
  }
}
