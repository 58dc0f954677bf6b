package dev.sqlite2pg;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run needs, validated once by {@link Migrator.Builder#build()}.
 *
 * @param tables globs of source tables to include (all when empty)
 * @param exclude globs of source tables to leave out
 * @param jobs tables copied in parallel
 * @param batchSize rows per COPY statement (all of a table's batches commit together)
 * @param onError what a row PostgreSQL refuses costs: itself (SKIP) or its table (ABORT)
 * @param drop replace target tables that exist (otherwise refuse, naming them)
 * @param ifExists what to do with rows the target's tables already hold (see {@link IfExists})
 * @param dataOnly load into tables that already exist (no DDL), converting to their types
 * @param snapshot when to copy from a consistent snapshot instead of the file itself
 * @param resume continue the interrupted run on this schema (same source and options only)
 * @param keepCase keep identifiers' case instead of folding to lower case
 * @param detailRows how many differing rows verification keeps per table, in detail
 * @param casts --cast rules as given ({@code [table.]column=type}, {@code type:DECL=type})
 * @param config the mapping file (groups, renames, casts and exclusions), if any
 * @param only groups of the mapping file to migrate (all tables when empty)
 * @param sourceZone the zone of zone-less text times loaded into timestamptz (default UTC)
 * @param rejectDir where reject files go (JSON Lines, one per table with rejected rows)
 */
public record MigrateOptions(
    Path source,
    String schema,
    List<String> tables,
    List<String> exclude,
    int jobs,
    int batchSize,
    dev.sqlite2pg.OnError onError,
    boolean drop,
    IfExists ifExists,
    boolean dataOnly,
    boolean resume,
    Snapshot snapshot,
    boolean keepCase,
    List<String> casts,
    Optional<Path> config,
    List<String> only,
    java.time.ZoneId sourceZone,
    boolean verify,
    int detailRows,
    Optional<Path> rejectDir) {

  /** When to copy a consistent snapshot: when the file is open for writing, always, never. */
  public enum Snapshot {
    AUTO,
    ALWAYS,
    NEVER
  }

  /**
   * {@code --if-exists}: what a run does when the target's tables already hold rows (a re-run after
   * a failure, a second load into the same schema). {@code --drop} replaces the tables instead, so
   * it goes with neither.
   */
  public enum IfExists {
    /** Refuse before writing anything, naming the tables and the keys the source also has. */
    FAIL("fail"),
    /** Load only the rows whose primary key the target does not hold yet; leave the rest. */
    SKIP_EXISTING("skip-existing"),
    /**
     * Empty the tables the load writes into (one TRUNCATE, refused when it would cascade into a
     * table outside the load), then load every row.
     */
    REPLACE("replace");

    private final String option;

    IfExists(String option) {
      this.option = option;
    }

    /** As the command line spells it (picocli also matches values by this). */
    @Override
    public String toString() {
      return option;
    }
  }

  /**
   * These options for one file of a fleet: its source, the schema it loads into, its share of
   * --jobs, and where its rejected rows go (a directory of its own, as table names repeat).
   */
  public MigrateOptions forFile(Path file, String targetSchema, int fileJobs, String unit) {
    return new MigrateOptions(
        file,
        targetSchema,
        tables,
        exclude,
        fileJobs,
        batchSize,
        onError,
        drop,
        ifExists,
        dataOnly,
        resume,
        snapshot,
        keepCase,
        casts,
        config,
        only,
        sourceZone,
        verify,
        detailRows,
        rejectDir.map(d -> d.resolve(unit)));
  }

  public MigrateOptions {
    Objects.requireNonNull(source, "No SQLite source file provided");
    Objects.requireNonNull(schema, "No target schema provided");
    Objects.requireNonNull(ifExists, "No --if-exists provided");
    tables = List.copyOf(tables);
    exclude = List.copyOf(exclude);
    casts = List.copyOf(casts);
    only = List.copyOf(only);
  }
}
