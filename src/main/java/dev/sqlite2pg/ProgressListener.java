package dev.sqlite2pg;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Hears how a run advances: each step started (with its totals, where known) and finished (with its
 * duration), and within the long steps the work done so far. Set it with {@link
 * Migrator.Builder#progress(ProgressListener)}; a {@link Fleet} built from that migrator tells it
 * of each file too.
 *
 * <p><b>Threads.</b> Events come from the run's worker threads (the copy's, STEP 5's and verify's),
 * several at once and in no order between threads: an implementation must be thread-safe, must
 * return quickly (a copy worker waits for it), and must not throw. Events are published per batch
 * of rows (up to {@code --batch-size} rows), never per row.
 *
 * <p><b>Order.</b> A step's {@link StepStarted} comes before its own {@link StepFinished}; steps
 * start in the order of {@link Step}, except that STEP 5's statements begin during the copy (a
 * table's keys are built as soon as its rows are in), so {@link PostDataObject} events may come
 * before {@code post_data}'s {@link StepStarted}. A step that throws sends no {@link StepFinished}:
 * the exception says why. Every method does nothing unless overridden.
 */
public interface ProgressListener {

  /** Hears nothing. */
  ProgressListener NONE = new ProgressListener() {};

  /** The steps of a run, in order; {@link #label()} is the name in reports. */
  enum Step {
    SNAPSHOT,
    CATALOG,
    PLAN,
    FRAMEWORK,
    SCHEMA,
    COPY,
    POST_DATA,
    VERIFY,
    REPORT;

    /** The name in the text and JSON reports: {@code post_data}, {@code copy}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A step began.
   *
   * @param tables tables it works on (0 when it does not count them)
   * @param rows rows it works on, as the catalog counted them (0 when not known)
   * @param bytes bytes of the source file it reads (0 when not known)
   * @param objects STEP 5's statements to run: keys, indexes, ANALYZE, foreign keys, their
   *     validation, sequences, views (0 for the other steps)
   */
  record StepStarted(Step step, int tables, long rows, long bytes, int objects) {}

  /** A step ended normally after {@code duration}. */
  record StepFinished(Step step, Duration duration) {}

  /**
   * STEP 4 sent one batch of a table's rows to PostgreSQL (not committed yet: see {@link
   * ChunkCopied}).
   *
   * @param chunk the rowid range, or "" for a whole table
   * @param bytes binary COPY bytes of this batch
   */
  record RowsSent(String table, String chunk, long rows, long bytes) {}

  /**
   * STEP 4 ended one chunk (or a whole table): committed with {@code rows} rows, or rolled back
   * ({@code committed} false, rows 0). {@code resumed}: committed by an earlier run, not copied
   * again.
   */
  record ChunkCopied(
      String table, String chunk, long rows, long bytes, boolean committed, boolean resumed) {}

  /** STEP 4 ended a table: {@code rows} committed, {@code complete} unless it failed. */
  record TableCopied(String table, long rows, boolean complete) {}

  /**
   * One statement of STEP 5 started or ended.
   *
   * @param kind "primary key", "unique index", "index", "check", "foreign key", "foreign key
   *     validation", "analyze", "sequences", "views"
   * @param finished false when it starts, true when it ends (created or not: the report says)
   */
  record PostDataObject(String kind, String name, String table, boolean finished) {}

  /** STEP 6 read {@code rows} more source rows of {@code table} (a share, not a total). */
  record RowsChecked(String table, long rows) {}

  /** STEP 6 compared a whole table: {@code rows} source rows, {@code equal} or not. */
  record TableChecked(String table, long rows, boolean equal) {}

  /** A fleet began file number {@code index} (from 1) of {@code files}. */
  record FileStarted(Path file, int index, int files) {}

  /** A fleet ended a file; {@code exitCode} as the file's own run would exit. */
  record FileFinished(Path file, int files, int exitCode) {}

  default void stepStarted(StepStarted e) {}

  default void stepFinished(StepFinished e) {}

  default void rowsSent(RowsSent e) {}

  default void chunkCopied(ChunkCopied e) {}

  default void tableCopied(TableCopied e) {}

  default void postData(PostDataObject e) {}

  default void rowsChecked(RowsChecked e) {}

  default void tableChecked(TableChecked e) {}

  default void fileStarted(FileStarted e) {}

  default void fileFinished(FileFinished e) {}
}
