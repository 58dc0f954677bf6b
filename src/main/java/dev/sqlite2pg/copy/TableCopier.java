package dev.sqlite2pg.copy;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.OnError;
import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.ProgressListener.ChunkCopied;
import dev.sqlite2pg.RejectedRow;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.TenantScope;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.RowValues;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.RowCursor;
import dev.sqlite2pg.sqlite.SourceRow;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sqlite.TableReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteException;

/**
 * STEP 4 for one table: streams its rows from SQLite into one binary COPY, in one transaction.
 * Memory stays bounded by the flush size whatever the table's size. A value that does not convert
 * costs its row, never the table: the row is left out and recorded with the reason.
 */
public final class TableCopier {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TableCopier.class);

  private final SqliteSource source;
  private final TargetConnector target;
  private final String schema;
  private final boolean utf8;
  private final int batchSize;
  private final OnError onError;
  private final dev.sqlite2pg.pg.state.RunState state;
  private final java.util.function.Predicate<String> probed;
  private final ExistingRows existing;
  private final ProgressListener progress;
  private boolean keysDuringLoad = true;
  private Optional<TenantScope> tenant = Optional.empty();
  private byte[] tenantValue = new byte[0];
  private java.util.function.Predicate<String> created = t -> false;

  /**
   * One batch buffer per copying thread (up to 9 MB), reused by every table and chunk it copies:
   * allocated per chunk, each one outlived a few young collections and piled up in the old
   * generation, so memory grew with the number of chunks (5M rows: 241 MB, 500k: 153 MB).
   */
  private static final ThreadLocal<Batch> BATCHES = ThreadLocal.withInitial(Batch::new);

  /** Tries per table when the connection is lost. */
  static final int ATTEMPTS = 3;

  /**
   * @param progress told of each batch sent and each chunk committed or rolled back
   */
  public TableCopier(
      SqliteSource source,
      TargetConnector target,
      String schema,
      boolean utf8,
      int batchSize,
      OnError onError,
      dev.sqlite2pg.pg.state.RunState state,
      java.util.function.Predicate<String> probed,
      ExistingRows existing,
      ProgressListener progress) {
    this.progress = progress;
    this.source = source;
    this.target = target;
    this.schema = schema;
    this.utf8 = utf8;
    this.batchSize = batchSize;
    this.onError = onError;
    this.state = state;
    this.probed = probed;
    this.existing = existing;
  }

  /**
   * Copies the table in one transaction. A lost connection (SQLSTATE class 08: a restart, a network
   * cut) rolls that transaction back; the table is then copied again, up to {@link #ATTEMPTS} times
   * with growing pauses. No other error is retried.
   */
  public TableCopyResult copy(TablePlan t) {
    return copy(t, Chunk.ALL);
  }

  /**
   * Copies one chunk of the table (or all of it, {@link Chunk#ALL}) in one transaction, marked
   * copied in that transaction; retried as {@link #copy(TablePlan)} is.
   */
  public TableCopyResult copy(TablePlan t, Chunk chunk) {
    long start = System.nanoTime();
    Optional<Long> done =
        chunk.whole()
            ? state.copied(t.source().name())
            : state.chunkCopied(t.source().name(), chunk.lo());
    if (done.isPresent()) {
      // --resume: committed before the interruption, with its progress record.
      progress.chunkCopied(chunkEvent(t, chunk, done.get(), 0, true, true));
      return result(t, done.get(), done.get(), List.of(), 0, start, Optional.empty());
    }
    boolean streamed = streams(t);
    for (int attempt = 1; ; attempt++) {
      Counts n = new Counts();
      List<RejectedRow> rejected = new ArrayList<>();
      try (Connection src = source.connect();
          Connection dst = target.open()) {
        dst.setAutoCommit(false);
        if (keysDuringLoad) {
          checkKeysPerRow(dst);
        }
        // A table's rows and its "copied" mark commit together: a table not marked holds
        // none of this run's rows, whatever stopped the run, and is copied from the start.
        existing.prepare(dst, t);
        stream(t, chunk, src, dst, n, rejected, streamed);
        n.copied = existing.insertMissing(dst, t, n.copied, rejected);
        if (chunk.whole()) {
          state.markCopied(dst, t.source().name(), n.copied);
        } else {
          state.markChunkCopied(dst, t.source().name(), chunk.lo(), chunk.hi(), n.copied);
        }
        dst.commit();
        progress.chunkCopied(chunkEvent(t, chunk, n.copied, n.bytes, true, false));
        return result(t, n.read, n.copied, rejected, n.bytes, start, Optional.empty());
      } catch (SQLException e) {
        progress.chunkCopied(chunkEvent(t, chunk, 0, n.bytes, false, false));
        if (streamed && BatchSender.isRowError(e)) {
          // PostgreSQL refused a row of the single COPY: again as batches, which leave out
          // only the refused rows (not counted as an attempt).
          LOG.info(
              "{}{}: PostgreSQL refused a row ({}); copying again in batches to find it",
              t.source().name(),
              of(chunk),
              firstLine(e.getMessage()));
          streamed = false;
          attempt--;
          continue;
        }
        if (BatchSender.isConnectionError(e) && attempt < ATTEMPTS) {
          pause(attempt);
          continue;
        }
        String why =
            e instanceof BatchSender.AbortTable
                ? "stopped at the first refused row (--on-error=abort); the table"
                    + (chunk.whole() ? "" : "'s " + chunk.describe())
                    + " was rolled back"
                : "copy" + of(chunk) + " failed after " + n.read + " rows: " + explain(e);
        return result(t, n.read, 0, rejected, n.bytes, start, Optional.of(why));
      } catch (NeedsProbe e) {
        throw e;
      } catch (RuntimeException e) {
        progress.chunkCopied(chunkEvent(t, chunk, 0, n.bytes, false, false));
        String why = "copy" + of(chunk) + " failed after " + n.read + " rows: " + explain(e);
        return result(t, n.read, 0, rejected, n.bytes, start, Optional.of(why));
      }
    }
  }

  /**
   * Whether the target's keys can be in place while rows load (tables that existed, a resumed run):
   * then deferrable ones are checked per row. Otherwise the keys come after the data, and a SET
   * CONSTRAINTS per table is a statement for nothing (3 of a fleet's file's 39).
   */
  public TableCopier keysDuringLoad(boolean keysDuringLoad) {
    this.keysDuringLoad = keysDuringLoad;
    return this;
  }

  /**
   * A merged fleet's file ({@code migrate --merge}): every row gets its tenant's value in the
   * tenant column, sent in the COPY as the row's first field. It was the column's default, read
   * from a session setting: a set_config per file and an ALTER TABLE at the fleet's end that waited
   * a second for autovacuum to give way (1,000 files: 1.0 s of the last step).
   */
  public TableCopier tenant(Optional<TenantScope> tenant) {
    this.tenant = tenant;
    this.tenantValue =
        tenant.map(sc -> sc.value().getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
    return this;
  }

  /**
   * The tables (by source name) this run created, which hold nothing but what it copies: a whole
   * one is emptied in its copy's transaction and its rows written frozen (see {@link
   * StreamedCopy}).
   */
  public TableCopier created(java.util.function.Predicate<String> created) {
    this.created = created;
    return this;
  }

  /** Records a table whose chunks all committed as copied, for --resume. */
  void chunksDone(TablePlan t, long rows) {
    state.markChunksCopied(t.source().name(), rows);
  }

  /** Forgets the committed chunks of a table about to be recreated and copied whole. */
  void forgetChunks(TablePlan t) {
    state.forgetChunks(t.source().name());
  }

  private static String of(Chunk chunk) {
    return chunk.whole() ? "" : " of " + chunk.describe();
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(1000L << (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Counts {
    long read;
    long copied;
    long bytes;
  }

  /**
   * Whether the rows go as one COPY ({@link StreamedCopy}): not into tables whose constraints are
   * in place during the load, where refused rows are to be expected and every refusal would cost
   * the table a second read; not through a staging table.
   */
  private boolean streams(TablePlan t) {
    return !keysDuringLoad && existing.staging(t).isEmpty();
  }

  /**
   * Whether the copy's transaction empties the table first, so that its COPY may FREEZE the rows:
   * only a whole table this run created (nothing else can be in it) and loads alone.
   */
  private boolean freezes(TablePlan t, Chunk chunk) {
    return chunk.whole() && tenant.isEmpty() && created.test(t.source().name());
  }

  private void stream(
      TablePlan t,
      Chunk chunk,
      Connection src,
      Connection dst,
      Counts n,
      List<RejectedRow> rejected,
      boolean streamed)
      throws SQLException {
    List<ColumnPlan> cols = t.copiedColumns();
    ValueEncoder[] enc =
        cols.stream()
            .map(c -> Encoders.forType(c.type(), c.options()))
            .toArray(ValueEncoder[]::new);
    RowValues keys = new RowValues(t);
    Batch batch = BATCHES.get();
    batch.clear();
    RowSink sender = sink(t, chunk, cols, dst, streamed);
    BatchSender.Refused refused = (i, e) -> rejected.add(refusedRow(t, src, batch.rowid(i), e));
    try (RowCursor row =
        TableReader.open(
            source,
            src,
            t.source(),
            cols.stream().map(ColumnPlan::source).toList(),
            utf8,
            chunk.lo(),
            chunk.hi())) {
      boolean byRowid = !t.source().withoutRowid();
      int maxBytes = sender.maxBytes();
      while (row.next()) {
        n.read++;
        batch.startRow(
            enc.length + (tenant.isPresent() ? 1 : 0), byRowid ? row.getLong(0) : n.read);
        int i = 0;
        try {
          if (tenant.isPresent()) {
            batch.buf.writeBytes(tenantValue, 0, tenantValue.length);
          }
          for (; i < enc.length; i++) {
            enc[i].encode(row, i + 1, batch.buf);
          }
          batch.keepRow();
        } catch (ConversionException e) {
          if (!probed.test(t.source().name())) {
            throw new NeedsProbe(t.source().name(), e.getMessage());
          }
          batch.dropRow();
          rejected.add(reject(t, keys, row, cols.get(i), i + 1, e.getMessage()));
          if (onError == OnError.ABORT) {
            throw new BatchSender.AbortTable(new SQLException(e.getMessage()));
          }
        }
        if (batch.full(batchSize, maxBytes)) {
          send(t, chunk, batch, sender, refused, n);
          batch.clear();
        }
      }
      send(t, chunk, batch, sender, refused, n);
      sender.end();
    } catch (SQLException | RuntimeException e) {
      sender.abandon();
      throw e;
    }
  }

  private RowSink sink(
      TablePlan t, Chunk chunk, List<ColumnPlan> cols, Connection dst, boolean streamed)
      throws SQLException {
    if (!streamed) {
      return new BatchSender(dst, copySql(t, cols, false), onError);
    }
    boolean freeze = freezes(t, chunk);
    if (freeze) {
      try (java.sql.Statement s = dst.createStatement()) {
        s.execute("TRUNCATE " + qualified(schema, t.target()));
      }
    }
    return new StreamedCopy(dst, copySql(t, cols, freeze));
  }

  /** Sends a batch, counts it, and tells the listener: once per batch, never per row. */
  private void send(
      TablePlan t, Chunk chunk, Batch batch, RowSink sender, BatchSender.Refused refused, Counts n)
      throws SQLException {
    long bytes = batch.buf.size();
    long rows = sender.send(batch, refused);
    n.bytes += bytes;
    n.copied += rows;
    progress.rowsSent(
        new ProgressListener.RowsSent(t.source().name(), chunkName(chunk), rows, bytes));
  }

  private static ChunkCopied chunkEvent(
      TablePlan t, Chunk chunk, long rows, long bytes, boolean committed, boolean resumed) {
    return new ChunkCopied(t.source().name(), chunkName(chunk), rows, bytes, committed, resumed);
  }

  private static String chunkName(Chunk chunk) {
    return chunk.whole() ? "" : chunk.describe();
  }

  /**
   * A row PostgreSQL refused: named by its rowid (or its position in a WITHOUT ROWID table), the
   * column the server's error names, and that column's value read again from SQLite.
   */
  private RejectedRow refusedRow(TablePlan t, Connection src, long rowid, SQLException e) {
    String column = BatchSender.column(e);
    String value = "";
    String storage = "";
    Optional<ColumnPlan> col =
        t.copiedColumns().stream().filter(c -> c.target().equals(column)).findFirst();
    if (col.isPresent() && !t.source().withoutRowid()) {
      try (RowCursor r =
          TableReader.open(
              source, src, t.source(), List.of(col.get().source()), utf8, rowid, rowid)) {
        if (r.next()) {
          value = RowValues.fullValue(r, 1);
          storage = SourceRow.typeName(r.type(1));
        }
      } catch (SQLException ignored) {
        // The reason still stands; the value is only a convenience.
      }
    }
    String key =
        t.source().withoutRowid() ? "row " + rowid + " of the table scan" : "rowid=" + rowid;
    return new RejectedRow(
        t.source().name(),
        key,
        col.map(c -> c.source().name()).orElse(column),
        storage,
        value,
        "PostgreSQL refused the row: " + firstLine(e.getMessage()));
  }

  private static RejectedRow reject(
      TablePlan t, RowValues keys, SourceRow row, ColumnPlan col, int idx, String reason) {
    return new RejectedRow(
        t.source().name(),
        keys.describe(row),
        col.source().name(),
        SourceRow.typeName(row.type(idx)),
        RowValues.fullValue(row, idx),
        reason + " (column type " + col.type().sql() + ")");
  }

  private String copySql(TablePlan t, List<ColumnPlan> cols, boolean freeze) {
    return "COPY "
        + existing.staging(t).orElse(qualified(schema, t.target()))
        + " ("
        + tenant.map(sc -> quote(sc.column()) + ", ").orElse("")
        + String.join(", ", cols.stream().map(c -> quote(c.target())).toList())
        + ") FROM STDIN (FORMAT binary"
        + (freeze ? ", FREEZE" : "")
        + ")";
  }

  private static TableCopyResult result(
      TablePlan t,
      long read,
      long copied,
      List<RejectedRow> rejected,
      long bytes,
      long start,
      Optional<String> error) {
    return new TableCopyResult(
        t.source().name(),
        t.target(),
        read,
        copied,
        List.copyOf(rejected),
        bytes,
        (System.nanoTime() - start) / 1e9,
        error);
  }

  /**
   * Why the table failed, as one line with what to do: a SQLite failure (corrupt page, lock) says
   * so and names the file; a PostgreSQL one carries its SQLSTATE and advice.
   */
  private String explain(Exception e) {
    if (e instanceof RuntimeException && e.getCause() instanceof SQLiteException se) {
      // A getter of the current row (or a default read for it) failed inside SQLite.
      return "reading SQLite failed: " + SqliteErrors.explain(source.origin(), se);
    }
    if (e instanceof SQLiteException se) {
      return "reading SQLite failed: " + SqliteErrors.explain(source.origin(), se);
    }
    if (e instanceof SQLException se) {
      return TargetErrors.explain(se, target);
    }
    return firstLine(e.getMessage());
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * The application's deferrable foreign keys (Django declares every one DEFERRABLE INITIALLY
   * DEFERRED) are checked per row, not at COMMIT: an orphaned row is then refused by the COPY and
   * isolated as a rejected row, instead of failing the whole table when the transaction commits.
   */
  private static void checkKeysPerRow(Connection dst) throws SQLException {
    try (java.sql.Statement s = dst.createStatement()) {
      s.execute("SET CONSTRAINTS ALL IMMEDIATE");
    }
  }
}
