package dev.sqlite2pg.verify;

import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.RowDifference;
import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Compares one table on both sides: a fingerprint of every row, computed inside PostgreSQL and
 * while reading SQLite once; when they differ, the differing rows are located by key ranges ({@link
 * DiffLocator}), or, for a table without a usable key, by comparing the sorted row hashes of both
 * sides.
 */
public final class TableVerifier {

  /** Below this many rows, a table's two sides are read one after the other. */
  private static final long OVERLAP_ROWS = 50_000;

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(TableVerifier.class);

  private final String schema;
  private final boolean utf8;
  private final int keep;
  private final boolean rejectsExpected;

  /**
   * @param keep how many differing rows to keep in detail
   * @param rejectsExpected rows that do not convert were rejected by this run (STEP 6 of migrate)
   *     rather than differences (verify of a target loaded some other way)
   */
  private final Optional<dev.sqlite2pg.pg.TenantScope> scope;

  private ProgressListener progress = ProgressListener.NONE;

  /** Tells {@code listener} of the source rows read, as they are read. Set before any check. */
  public TableVerifier listening(ProgressListener listener) {
    this.progress = listener;
    return this;
  }

  public TableVerifier(String schema, boolean utf8, int keep, boolean rejectsExpected) {
    this(schema, utf8, keep, rejectsExpected, Optional.empty());
  }

  /**
   * @param scope one tenant's rows only, in tables that hold many (migrate --merge)
   */
  public TableVerifier(
      String schema,
      boolean utf8,
      int keep,
      boolean rejectsExpected,
      Optional<dev.sqlite2pg.pg.TenantScope> scope) {
    this.scope = scope;
    this.schema = schema;
    this.utf8 = utf8;
    this.keep = keep;
    this.rejectsExpected = rejectsExpected;
  }

  public TableCheck check(
      dev.sqlite2pg.sqlite.SqliteSource source, TablePlan t, Connection src, Connection dst)
      throws SQLException {
    return check(source, t, src, dst, Optional.empty());
  }

  /**
   * @param early PostgreSQL's whole-table fingerprint, started earlier ({@link EarlyTargetSide})
   */
  TableCheck check(
      dev.sqlite2pg.sqlite.SqliteSource source,
      TablePlan t,
      Connection src,
      Connection dst,
      Optional<CompletableFuture<Fingerprint>> early)
      throws SQLException {
    long start = System.nanoTime();
    Optional<TableKey> key = TableKey.of(t);
    SourceSide s = new SourceSide(source, src, t, key, utf8, rejectsExpected);
    TargetSide d = new TargetSide(dst, schema, t, key, scope);
    // PostgreSQL computes its fingerprint while this thread reads SQLite: the two overlap. A small
    // table is not worth a thread (with one spare core the JDK starts one per task: a fleet's
    // 1,000 files of three tables started 3,000), so its two sides are read in turn.
    CompletableFuture<Fingerprint> pending =
        early.orElseGet(
            () ->
                t.sourceRows() < OVERLAP_ROWS
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            return d.fingerprint(KeyRange.ALL);
                          } catch (SQLException e) {
                            throw new CompletionException(e);
                          }
                        }));
    Fingerprint fs = s.fingerprint(KeyRange.ALL, checked(t));
    long sourceRows = s.sourceRows;
    LOG.debug(
        "{}: SQLite side read in {} ms",
        t.source().name(),
        (System.nanoTime() - start) / 1_000_000);
    Fingerprint fd = join(pending);
    if (fd == null) {
      // A small table's, not started; or the early computation found no such table, which
      // appeared since.
      fd = d.fingerprint(KeyRange.ALL);
    }
    LOG.debug(
        "{}: PostgreSQL side done after {} ms",
        t.source().name(),
        (System.nanoTime() - start) / 1_000_000);
    DiffLocator locator = new DiffLocator(s, d, t.columns(), keep);
    if (!fs.equals(fd)) {
      if (key.isPresent()) {
        locator.locate(KeyRange.ALL, fs, fd, 0);
      } else {
        hashDiff(s, d, locator);
      }
    }
    boolean equal = fs.equals(fd);
    return new TableCheck(
        t.source().name(),
        t.target(),
        sourceRows,
        fs.count(),
        fd.count(),
        equal,
        locator.missing,
        locator.extra,
        locator.changed,
        List.copyOf(locator.kept),
        null,
        (System.nanoTime() - start) / 1e9,
        TableCheck.ROWS);
  }

  /**
   * The source side of {@link #check} alone, kept for later: a merged fleet's file, whose tenant's
   * rows are compared with every other tenant's after the fleet's last file.
   */
  SourceFingerprint sourceOnly(
      dev.sqlite2pg.sqlite.SqliteSource source, TablePlan t, Connection src) throws SQLException {
    SourceSide s = new SourceSide(source, src, t, TableKey.of(t), utf8, rejectsExpected);
    Fingerprint fs = s.fingerprint(KeyRange.ALL, checked(t));
    return new SourceFingerprint(t.source().name(), t.target(), s.sourceRows, fs);
  }

  /** Tells the listener of {@code t}'s source rows as they are read. */
  private java.util.function.LongConsumer checked(TablePlan t) {
    return n -> progress.rowsChecked(new ProgressListener.RowsChecked(t.source().name(), n));
  }

  private static Fingerprint join(CompletableFuture<Fingerprint> f) throws SQLException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException se) {
        throw se;
      }
      throw e;
    }
  }

  /**
   * A table without a usable key: rows are a multiset. The sorted row hashes of both sides are
   * merged; hashes on one side only are missing or extra rows (a changed row is both).
   */
  private static void hashDiff(SourceSide s, TargetSide d, DiffLocator locator)
      throws SQLException {
    java.util.Map<String, Rows.Row> read = s.rows(KeyRange.ALL);
    List<Rows.Row> src = new ArrayList<>(read.values());
    List<Rows.Row> dst = new ArrayList<>(d.rows(KeyRange.ALL).values());
    Integer[] a = order(src);
    Integer[] b = order(dst);
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      int cmp = i == a.length ? 1 : j == b.length ? -1 : compare(src.get(a[i]), dst.get(b[j]));
      if (cmp == 0) {
        i++;
        j++;
      } else if (cmp < 0) {
        locator.missing++;
        locator.add(RowDifference.Kind.MISSING, src.get(a[i]).label(), src.get(a[i]), null);
        i++;
      } else {
        locator.extra++;
        locator.add(RowDifference.Kind.EXTRA, "a row without key", null, dst.get(b[j]));
        j++;
      }
    }
  }

  private static Integer[] order(List<Rows.Row> rows) {
    Integer[] idx = new Integer[rows.size()];
    Arrays.setAll(idx, k -> k);
    Arrays.sort(idx, (x, y) -> compare(rows.get(x), rows.get(y)));
    return idx;
  }

  private static int compare(Rows.Row x, Rows.Row y) {
    int c = Long.compareUnsigned(x.hash1(), y.hash1());
    return c != 0 ? c : Long.compareUnsigned(x.hash2(), y.hash2());
  }
}
