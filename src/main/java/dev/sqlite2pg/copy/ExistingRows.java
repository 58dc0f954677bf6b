package dev.sqlite2pg.copy;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.OnError;
import dev.sqlite2pg.RejectedRow;
import dev.sqlite2pg.pg.TargetTables;
import dev.sqlite2pg.pg.state.RunState;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --if-exists=skip-existing} in STEP 4. A table that already holds rows is copied into a
 * temporary staging table, in the transaction of its copy, and only the staged rows whose primary
 * key the table does not hold are inserted from there; the others are counted as skipped and the
 * table's rows are left as they were. A row the INSERT refuses (a CHECK, a foreign key or a unique
 * column of the target) is isolated by splitting the staged rows in halves, as {@link BatchSender}
 * does for a COPY: it costs only itself. Tables without rows are copied straight into the table, as
 * always.
 */
public final class ExistingRows {

  private final String schema;
  private final Map<String, LoadKey> staged;
  private final RunState state;
  private final OnError onError;
  private final Map<String, Long> skipped = new ConcurrentHashMap<>();

  private ExistingRows(
      String schema, Map<String, LoadKey> staged, RunState state, OnError onError) {
    this.schema = schema;
    this.staged = Map.copyOf(staged);
    this.state = state;
    this.onError = onError;
  }

  /** Every table is copied straight into its table: nothing is skipped. */
  public static ExistingRows none(String schema, RunState state) {
    return new ExistingRows(schema, Map.of(), state, OnError.SKIP);
  }

  /**
   * @param tables the tables being copied; those that hold rows (and have a key, which {@link
   *     #requireKeys} made sure of) are loaded through staging
   */
  public static ExistingRows skipExisting(
      String schema, List<TablePlan> tables, TargetTables before, RunState state, OnError onError) {
    Map<String, LoadKey> staged = new java.util.HashMap<>();
    for (TablePlan t : tables) {
      if (before.filled(t.target())) {
        LoadKey.of(t).ifPresent(k -> staged.put(t.source().name(), k));
      }
    }
    return new ExistingRows(schema, staged, state, onError);
  }

  /**
   * STEP 3 of {@code --if-exists=skip-existing}, before anything is written: a table without a
   * primary key that holds rows is refused, since which of its rows are the source's cannot be told
   * (equal rows are all data in such a table, as in an event log).
   */
  public static void requireKeys(String schema, List<TablePlan> tables, TargetTables before) {
    List<TablePlan> keyless =
        tables.stream().filter(t -> before.filled(t.target()) && LoadKey.of(t).isEmpty()).toList();
    if (keyless.isEmpty()) {
      return;
    }
    boolean one = keyless.size() == 1;
    String them = one ? "it" : "them";
    throw new MigrationException(
        Code.TARGET,
        "--if-exists=skip-existing cannot tell which rows"
            + " of "
            + String.join(", ", keyless.stream().map(t -> t.source().name()).toList())
            + " the target already holds: "
            + (one ? "the table has" : "these tables have")
            + " no primary key, and "
            + String.join(", ", keyless.stream().map(t -> schema + "." + t.target()).toList())
            + (one ? " holds" : " hold")
            + " rows; leave "
            + them
            + " out with --exclude "
            + String.join(",", keyless.stream().map(t -> t.source().name()).toList())
            + ", or empty "
            + them
            + " (TRUNCATE) to"
            + " load "
            + them
            + " whole");
  }

  /** Where the COPY of {@code t} goes instead of its table: the staging table, when it has one. */
  public Optional<String> staging(TablePlan t) {
    return staged.containsKey(t.source().name())
        ? Optional.of(StagingTable.NAME)
        : Optional.empty();
  }

  /** Creates the staging table, in {@code dst}'s transaction, when {@code t} needs one. */
  public void prepare(Connection dst, TablePlan t) throws SQLException {
    if (staged.containsKey(t.source().name())) {
      stagingTable(t).create(dst);
    }
  }

  /**
   * After the COPY: inserts the staged rows whose key the table lacks, and records how many were
   * skipped, in the same transaction. Refused rows are added to {@code rejected}.
   *
   * @param rows rows the COPY sent (staged, or copied straight into the table)
   * @return rows now added to the table
   */
  public long insertMissing(Connection dst, TablePlan t, long rows, List<RejectedRow> rejected)
      throws SQLException {
    LoadKey key = staged.get(t.source().name());
    if (key == null) {
      return rows;
    }
    StagingTable staging = stagingTable(t);
    staging.analyze(dst);
    int refusedBefore = rejected.size();
    Optional<long[]> range = staging.rowRange(dst);
    long inserted =
        range.isEmpty()
            ? 0
            : new StagedInsert(dst, t, key, staging, onError, rejected)
                .run(range.get()[0], range.get()[1]);
    long skip = rows - inserted - (rejected.size() - refusedBefore);
    state.markSkipped(dst, t.source().name(), skip);
    skipped.put(t.source().name(), skip);
    return inserted;
  }

  /**
   * Rows already in the target, left as they were: of this run, or of the interrupted run that
   * committed the table when this one resumes it.
   */
  public long skipped(String sourceTable) {
    Long now = skipped.get(sourceTable);
    return now != null ? now : state.skipped(sourceTable).orElse(0L);
  }

  private StagingTable stagingTable(TablePlan t) {
    return new StagingTable(
        schema,
        t.target(),
        t.copiedColumns().stream().map(ColumnPlan::target).toList(),
        staged.get(t.source().name()).targets());
  }
}
