package dev.sqlite2pg.sync;

import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reading and consuming what {@link ReverseCapture} recorded (design 3.8), without a watermark:
 * changelog ids are not commit-ordered (M19), so a batch is what one REPEATABLE READ snapshot
 * shows, the rows are read in that same snapshot, and once the caller has written them into SQLite
 * it deletes exactly the ids the batch consumed. A change committed later with a smaller id is in
 * the next batch; a crash between SQLite's commit and the delete reads the same keys again, which
 * is harmless (the rows are state, not deltas), except for row images: see {@link
 * #consume(Connection, Batch)}.
 */
public final class ReverseChanges {

  /** Rows fetched per round trip: a batch's rows are streamed, never held whole. */
  private static final int FETCH = 1_000;

  private final String schema;

  /** The reverse changes of {@code schema}'s tables. */
  public ReverseChanges(String schema) {
    this.schema = schema;
  }

  /** Receives one table's part of a batch. */
  @FunctionalInterface
  public interface Rows {
    /**
     * One table's rows. Column 1 ({@code sqlite2pg_op}) is {@code I} or {@code D}, the other
     * columns are the table's own, in its order, under their PostgreSQL names and types.
     *
     * <p>A table with a key: one row per key the batch touched; {@code I}: this is the row with
     * that key now (replace SQLite's); {@code D}: no row has that key now (delete SQLite's), only
     * the key columns are set. A table without a key ({@link ReverseTable#images()}): its changes
     * in the order they were written; {@code D}: delete one row equal to this one; {@code I}:
     * insert this row.
     *
     * <p>{@code whole}: the table was truncated in this batch: every row it has now, all {@code I};
     * empty SQLite's table first. The batch then consumes all of the table's visible changes.
     */
    void table(ReverseTable table, boolean whole, ResultSet rows) throws SQLException;
  }

  /**
   * What one batch read.
   *
   * @param ids the changes it consumed: delete them with {@link #consume} once SQLite has the rows
   * @param tables the tables it touched, by number
   * @param whole those of them that were truncated, given whole
   * @param images the ids among {@code ids} of row images (tables without a key, not truncated):
   *     the changes that must not be applied twice (see {@link #consume(Connection, Batch)})
   */
  public record Batch(
      List<Long> ids, List<ReverseTable> tables, List<ReverseTable> whole, List<Long> images) {

    public Batch {
      ids = List.copyOf(ids);
      tables = List.copyOf(tables);
      whole = List.copyOf(whole);
      images = List.copyOf(images);
    }

    public boolean isEmpty() {
      return ids.isEmpty();
    }
  }

  /**
   * Pending reverse changes, measured inside PostgreSQL.
   *
   * @param lag the age of the oldest pending change on the server's clock; zero when none
   */
  public record Pending(long changes, Duration lag) {}

  /**
   * Reads a batch in a REPEATABLE READ, read-only transaction of its own: the oldest visible
   * changes, at most {@code limit} but whole transactions, and the current rows of their keys, each
   * table's handed to {@code rows} before the next is read. Writes nothing: consume the batch's ids
   * afterwards with {@link #consume}.
   */
  public Batch read(Connection pg, int limit, Rows rows) throws SQLException {
    boolean auto = pg.getAutoCommit();
    pg.setAutoCommit(false);
    try {
      try (Statement s = pg.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      Batch b = within(pg, limit, rows);
      pg.commit();
      return b;
    } catch (SQLException | RuntimeException e) {
      pg.rollback();
      throw e;
    } finally {
      pg.setAutoCommit(auto);
    }
  }

  /**
   * As {@link #read}, in a transaction the caller opened (rollback's, which locks the tables first
   * and deletes the consumed ids before it commits, design 3.8 steps 2 and 4). Its isolation level
   * is the caller's: REPEATABLE READ, or tables locked against writers.
   */
  public Batch within(Connection pg, int limit, Rows rows) throws SQLException {
    Map<Integer, ReverseTable> tables = new LinkedHashMap<>();
    for (ReverseTable t : ReverseCapture.tables(pg, schema)) {
      tables.put(t.number(), t);
    }
    if (tables.isEmpty()) {
      return new Batch(List.of(), List.of(), List.of(), List.of());
    }
    Map<Integer, List<Long>> ids = new TreeMap<>();
    Set<Integer> truncated = new TreeSet<>();
    changes(pg, tables.keySet(), limit, ids, truncated);
    for (int n : truncated) {
      ids.put(n, visible(pg, n));
    }
    List<Long> all = new ArrayList<>();
    List<ReverseTable> touched = new ArrayList<>();
    List<ReverseTable> whole = new ArrayList<>();
    List<Long> images = new ArrayList<>();
    for (Map.Entry<Integer, List<Long>> e : ids.entrySet()) {
      ReverseTable t = tables.get(e.getKey());
      boolean w = truncated.contains(e.getKey());
      rows(pg, t, w, e.getValue(), rows);
      all.addAll(e.getValue());
      touched.add(t);
      if (w) {
        whole.add(t);
      } else if (t.images()) {
        images.addAll(e.getValue());
      }
    }
    all.sort(null);
    images.sort(null);
    return new Batch(all, touched, whole, images);
  }

  /**
   * Deletes the batch's changes, in the caller's transaction if one is open; the number deleted.
   * Only after SQLite committed the batch's rows. For a table with a key, a crash in between reads
   * the same keys again next time, which is harmless. Row images ({@link Batch#images()}) are
   * deltas and would be applied twice: a caller that cannot commit both sides together records
   * those ids in SQLite in the transaction that applies them, and after a crash consumes the ids it
   * recorded ({@link #consume(Connection, Collection)}) before it reads again.
   */
  public static int consume(Connection pg, Batch batch) throws SQLException {
    return consume(pg, batch.ids());
  }

  /** Deletes the changes {@code ids}, in the caller's transaction if one is open. */
  public static int consume(Connection pg, Collection<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        pg.prepareStatement("DELETE FROM sqlite2pg.changes WHERE id = ANY (?)")) {
      ps.setArray(1, pg.createArrayOf("bigint", ids.toArray()));
      return ps.executeUpdate();
    }
  }

  /** How many changes are pending and how old the oldest is, on PostgreSQL's clock. */
  public Pending pending(Connection pg) throws SQLException {
    if (!ReverseCapture.installed(pg, schema)) {
      return new Pending(0, Duration.ZERO);
    }
    try (PreparedStatement ps = pg.prepareStatement(SqlResources.load("pg-reverse-pending"))) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Pending(rs.getLong(1), Duration.ofNanos(Math.round(rs.getDouble(2) * 1e6)));
      }
    }
  }

  /** The batch's changes, grouped by table; the tables a TRUNCATE touched. */
  private static void changes(
      Connection pg,
      Set<Integer> tables,
      int limit,
      Map<Integer, List<Long>> ids,
      Set<Integer> truncated)
      throws SQLException {
    java.sql.Array numbers = pg.createArrayOf("integer", tables.toArray());
    try (PreparedStatement ps = pg.prepareStatement(SqlResources.load("pg-reverse-batch"))) {
      ps.setArray(1, numbers);
      ps.setInt(2, limit);
      ps.setArray(3, numbers);
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int n = rs.getInt(2);
          ids.computeIfAbsent(n, k -> new ArrayList<>()).add(rs.getLong(1));
          if ("T".equals(rs.getString(3))) {
            truncated.add(n);
          }
        }
      }
    }
  }

  /**
   * Every change of table {@code n} this snapshot shows: a truncated table is read whole, which
   * covers them all, and row images left for a later batch would then be applied twice.
   */
  private static List<Long> visible(Connection pg, int n) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement ps =
        pg.prepareStatement("SELECT id FROM sqlite2pg.changes WHERE tbl = ? ORDER BY id")) {
      ps.setInt(1, n);
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  private static void rows(Connection pg, ReverseTable t, boolean whole, List<Long> ids, Rows rows)
      throws SQLException {
    ReverseSql sql = ReverseSql.of(pg, t);
    String query = whole ? sql.whole() : t.images() ? sql.images() : sql.keyed();
    int params = whole ? 0 : t.images() ? 2 : 1;
    try (PreparedStatement ps = pg.prepareStatement(query)) {
      java.sql.Array array = pg.createArrayOf("bigint", ids.toArray());
      for (int i = 1; i <= params; i++) {
        ps.setArray(i, array);
      }
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        rows.table(t, whole, rs);
      }
    }
  }
}
