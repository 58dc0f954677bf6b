package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * State-based apply (design 3.4, as Bucardo does): a batch of changes and the current rows of the
 * keys they touched are read in one SQLite read transaction; then, in one PostgreSQL transaction,
 * every touched key is deleted, the rows that still exist are copied in, and the applied id is
 * recorded. Duplicate, spurious or reordered changes are then harmless: after a batch the touched
 * rows equal SQLite's, whatever happened to them in between.
 */
public final class Apply {

  private final String schema;
  private final SyncState state;
  private final RowCopy rows;
  private final boolean utf8;
  private final KeyTables keyTables = new KeyTables();
  private final Map<Integer, Table> tables = new LinkedHashMap<>();
  private final Map<Integer, ImageApply> images = new LinkedHashMap<>();
  private Set<String> skipped = Set.of();

  /** A captured table with its plan: where its rows go and in which types. */
  private record Table(TablePlan plan, List<ColumnPlan> key) {}

  /**
   * @param keys the captured tables by changelog number, keyed and image mode
   * @param plans the tables' plans, as the copy planned (and fitted) them
   */
  public Apply(String schema, boolean utf8, List<CaptureKey> keys, List<TablePlan> plans) {
    this.schema = schema;
    this.state = new SyncState(schema);
    this.rows = new RowCopy(utf8);
    this.utf8 = utf8;
    for (CaptureKey k : keys) {
      Optional<TablePlan> plan =
          plans.stream().filter(p -> p.source().name().equals(k.table().name())).findFirst();
      if (plan.isEmpty()) {
        continue;
      }
      TablePlan p = plan.get();
      if (k.image()) {
        images.put(k.number(), new ImageApply(schema, k, p, rows));
      } else {
        tables.put(
            k.number(),
            new Table(p, k.columns().stream().map(c -> p.column(c).orElseThrow()).toList()));
      }
    }
  }

  /**
   * What one batch did.
   *
   * @param keys the distinct keys the batch touched, plus the row images of tables without a key
   */
  public record Batch(long applied, int changes, int keys) {}

  /**
   * Source tables whose changes the next batches pass over: paused for a schema change (design 3.5,
   * {@link SchemaWatch}); the re-sync that ends the pause covers what they skipped.
   */
  public void skip(Set<String> sourceTables) {
    skipped = Set.copyOf(sourceTables);
  }

  /** The id applied so far, if sync started into this schema. */
  public Optional<Long> applied(Connection pg) throws SQLException {
    return state.applied(pg);
  }

  /**
   * Applies the changes after {@code applied}, at most {@code limit} of them (a capped batch may
   * cut a source transaction in two, which is fine while nobody reads the target).
   */
  public Batch batch(Connection sqlite, Connection pg, long applied, int limit)
      throws SQLException {
    boolean auto = sqlite.getAutoCommit();
    sqlite.setAutoCommit(false); // one read transaction: the changes and the rows, one moment
    try {
      pg.setAutoCommit(false);
      try {
        Batch b = within(sqlite, pg, applied, limit);
        pg.commit();
        return b;
      } catch (SQLException | RuntimeException ex) {
        pg.rollback();
        keyTables.forget();
        throw ex;
      }
    } finally {
      sqlite.rollback();
      sqlite.setAutoCommit(auto);
    }
  }

  /**
   * As {@link #batch}, in transactions the caller opened on both sides and ends: cut-over's drain
   * (design 3.7 steps 2 and 3), read inside SQLite's write transaction and committed with the
   * sequences, the foreign keys and the phase. A caller that rolls back calls {@link #forget}.
   */
  public Batch within(Connection sqlite, Connection pg, long applied, int limit)
      throws SQLException {
    List<Change> changes = Changelog.after(sqlite, applied, limit);
    if (changes.isEmpty()) {
      return new Batch(applied, 0, 0);
    }
    Change last = changes.get(changes.size() - 1);
    Map<Integer, Long> touched = new LinkedHashMap<>();
    changes.forEach(c -> touched.merge(c.table(), 1L, Long::sum));
    Map<String, Long> counts = new LinkedHashMap<>();
    long keys = 0;
    Fence.pass(pg);
    for (Map.Entry<Integer, Long> n : touched.entrySet()) {
      Table t = tables.get(n.getKey());
      ImageApply image = images.get(n.getKey());
      if (t != null && !skipped.contains(t.plan().source().name())) {
        keys += replace(sqlite, pg, t, new long[] {n.getKey(), applied, last.id()});
        counts.put(t.plan().source().name(), n.getValue());
      } else if (image != null && !skipped.contains(image.table())) {
        keys += image.apply(sqlite, pg, applied, last.id());
        counts.put(image.table(), n.getValue());
      }
    }
    state.record(pg, last.id(), last.ts());
    state.counted(pg, counts);
    return new Batch(last.id(), changes.size(), (int) keys);
  }

  /** After a rollback of {@link #within}'s transaction: the staged key tables are gone with it. */
  public void forget() {
    keyTables.forget();
  }

  /**
   * The keyed tables whose rows touched by the changes after {@code from} up to {@code to} differ
   * between the two sides, in the callers' transactions after {@link #within} applied them (design
   * 3.6: the drain checked row by row inside the lock). Tables followed by row images have no key
   * to select their touched rows by, and are not checked here; sync verify covers them.
   */
  public List<String> differing(Connection sqlite, Connection pg, long from, long to)
      throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    for (int n : touchedTables(sqlite, from, to)) {
      Table t = tables.get(n);
      if (t == null || skipped.contains(t.plan().source().name())) {
        continue;
      }
      String staged = keyTables.of(pg, n, schema, t.plan().target(), keyTargets(t));
      String sqliteKeys =
          t.key().stream()
              .map(c -> quote(c.source().name()) + " COLLATE BINARY")
              .collect(Collectors.joining(", "));
      String pgKeys = keyTargets(t).stream().map(k -> quote(k)).collect(Collectors.joining(", "));
      boolean same =
          dev.sqlite2pg.verify.DrainedRows.equal(
              t.plan(),
              utf8,
              sqlite,
              "WHERE (" + sqliteKeys + ") IN (" + touchedKeys(t) + ")",
              List.of(n, from, to),
              pg,
              schema,
              "WHERE (" + pgKeys + ") IN (SELECT " + pgKeys + " FROM " + staged + ")");
      if (!same) {
        out.add(t.plan().source().name());
      }
    }
    return out;
  }

  private static List<Integer> touchedTables(Connection sqlite, long from, long to)
      throws SQLException {
    List<Integer> out = new java.util.ArrayList<>();
    try (java.sql.PreparedStatement ps =
        sqlite.prepareStatement(
            "SELECT DISTINCT tbl FROM sqlite2pg_changes WHERE id > ? AND id <= ?")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
    }
    return out;
  }

  private static List<String> keyTargets(Table t) {
    return t.key().stream().map(ColumnPlan::target).toList();
  }

  /**
   * One table's touched keys: deleted in the target, then the rows SQLite has for them now copied
   * in. Keys and rows go through the copy's own encoders, so a key matches exactly as the copy
   * converted it (1, '1' and 1.0 are different keys in SQLite).
   *
   * @param range the table's number, and the changelog ids after the first up to the second
   * @return how many distinct keys were touched
   */
  private long replace(Connection sqlite, Connection pg, Table t, long[] range)
      throws SQLException {
    String target = qualified(schema, t.plan().target());
    List<String> keyTargets = keyTargets(t);
    String staged = keyTables.of(pg, (int) range[0], schema, t.plan().target(), keyTargets);
    long keys =
        rows.send(
            sqlite,
            pg,
            touchedKeys(t),
            range,
            t.key(),
            RowCopy.copySql(staged, t.key()),
            t.plan().source().name());
    try (Statement s = pg.createStatement()) {
      s.execute(
          "DELETE FROM "
              + target
              + " t USING "
              + staged
              + " s WHERE "
              + keyTargets.stream()
                  .map(k -> "t." + quote(k) + " = s." + quote(k))
                  .collect(Collectors.joining(" AND ")));
    }
    List<ColumnPlan> cols = t.plan().copiedColumns();
    rows.send(
        sqlite,
        pg,
        currentRows(t),
        range,
        cols,
        RowCopy.copySql(target, cols),
        t.plan().source().name());
    return keys;
  }

  /** The distinct keys of one table's changes in a range of ids. */
  private static String touchedKeys(Table t) {
    return "SELECT DISTINCT "
        + CaptureSql.keyColumns(t.key().size())
        + " FROM sqlite2pg_changes WHERE tbl = ? AND id > ? AND id <= ?";
  }

  /**
   * The rows SQLite has now for those keys (by the key's index: changes drive the join). IS, not =:
   * a rowid table's non-INTEGER PRIMARY KEY may be NULL (4.4 #16), and such a row must stop the
   * batch at PostgreSQL's NOT NULL, naming it, rather than be left out unseen.
   */
  private static String currentRows(Table t) {
    StringBuilder on = new StringBuilder();
    for (int i = 0; i < t.key().size(); i++) {
      on.append(i > 0 ? " AND " : "")
          .append("r.")
          .append(quote(t.key().get(i).source().name()))
          .append(" IS c.k")
          .append(i + 1);
    }
    return "SELECT "
        + t.plan().copiedColumns().stream()
            .map(c -> "r." + quote(c.source().name()))
            .collect(Collectors.joining(", "))
        + " FROM ("
        + touchedKeys(t)
        + ") c JOIN "
        + quote(t.plan().source().name())
        + " r ON "
        + on;
  }
}
