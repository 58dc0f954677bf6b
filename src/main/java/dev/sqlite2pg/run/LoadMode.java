package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions.IfExists;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TenantScope;

/**
 * How a run treats what the target already holds: the one place that says what {@code --drop},
 * {@code --data-only}, {@code --if-exists} and {@code --resume} imply for each step, so that a step
 * asks its mode instead of combining flags. {@link #of} refuses the combinations that make no
 * sense, in one line each, before anything is read.
 *
 * <pre>
 *                      plan fitted to  tables created   rows there    chunks  parents  STEP 5
 *   Create             -               all, refused     refused       yes     -        all
 *                                      if rows conflict
 *   Replace  (--drop)  -               all, dropped     dropped       yes     -        all
 *   DataOnly           target, all     none             refused,      no      first    sequences
 *                                                       skipped or
 *                                                       emptied
 *   SkipExisting       target, where   missing ones     skipped       no      first    all, kept
 *                      tables exist
 *   Refill             target, where   missing ones     emptied       no      first    all, kept
 *                      tables exist                     (TRUNCATE)
 *   Merge    (one      target, all     none (the        the tenant's  no      -        none: after
 *   file of --merge)                   fleet's)         deleted when                   the fleet's
 *                                                       loaded again                   last file
 *   Resume(m)          as m            none             as m          as m    as m     as m, kept
 * </pre>
 */
public sealed interface LoadMode {

  /** Tables are created; refused when the target's tables hold any of the source's keys. */
  record Create() implements LoadMode {}

  /**
   * {@code sync start}'s copy: as {@link Create}, without foreign keys, which cut-over adds
   * (SQLite's writers often do not enforce them, so orphans and uncascaded children are normal in
   * the changes sync applies; design 3.4 step 5).
   */
  record SyncCopy() implements LoadMode {}

  /** {@code --drop}: tables that exist are dropped and created again. */
  record Replace() implements LoadMode {}

  /**
   * {@code --data-only}: into the tables the application created, converting to their types; rows
   * the tables hold already are refused, skipped by key, or emptied first, as {@code existing}
   * says.
   */
  record DataOnly(Existing existing) implements LoadMode {}

  /** What {@code --if-exists} does with the rows a table already holds. */
  enum Existing {
    REFUSE,
    SKIP,
    EMPTY
  }

  /**
   * {@code --if-exists=skip-existing}: tables that exist keep their rows and get the missing ones,
   * into their own types; tables that do not exist are created.
   */
  record SkipExisting() implements LoadMode {}

  /**
   * {@code --if-exists=replace}: tables that exist are emptied (one TRUNCATE) and loaded in their
   * own types; tables that do not exist are created.
   */
  record Refill() implements LoadMode {}

  /**
   * {@code migrate --merge}: one file of a fleet into the merged tables, which exist and hold the
   * other tenants' rows; the tenant's own rows from an interrupted attempt are deleted first, and
   * keys, indexes and foreign keys come once, after the last file (issue 15).
   *
   * @param tables the merged tables as the fleet read them once: they do not change while files
   *     load, and reading them again for each file's plan and verify cost 4 catalog queries a file
   */
  record Merge(TenantScope scope, boolean again, ExistingTables tables) implements LoadMode {}

  /** {@code --resume}: continues the interrupted run of mode {@code interrupted}. */
  record Resume(LoadMode interrupted) implements LoadMode {}

  /**
   * The mode the options ask for, or one line saying which options do not go together.
   *
   * @param ifExists null when not given: {@code --if-exists=fail} with {@code --drop} is refused,
   *     the default is not
   */
  static LoadMode of(boolean drop, IfExists ifExists, boolean dataOnly, boolean resume) {
    if (drop) {
      refuseWithDrop(ifExists, dataOnly, resume);
      return new Replace();
    }
    LoadMode mode = dataOnly ? new DataOnly(existing(ifExists)) : intoExisting(existing(ifExists));
    return resume ? new Resume(mode) : mode;
  }

  private static Existing existing(IfExists ifExists) {
    return ifExists == IfExists.SKIP_EXISTING
        ? Existing.SKIP
        : ifExists == IfExists.REPLACE ? Existing.EMPTY : Existing.REFUSE;
  }

  private static LoadMode intoExisting(Existing existing) {
    return switch (existing) {
      case REFUSE -> new Create();
      case SKIP -> new SkipExisting();
      case EMPTY -> new Refill();
    };
  }

  private static void refuseWithDrop(IfExists ifExists, boolean dataOnly, boolean resume) {
    if (ifExists == IfExists.FAIL) {
      throw bad(
          "--if-exists=fail has no effect with --drop, which replaces the tables whatever"
              + " they hold: pass one or the other");
    }
    if (ifExists == IfExists.SKIP_EXISTING) {
      throw bad(
          "--if-exists=skip-existing keeps the rows the target's tables hold and --drop"
              + " replaces the tables: pass one or the other");
    }
    if (ifExists == IfExists.REPLACE) {
      throw bad(
          "--if-exists=replace empties the tables and keeps them, --drop drops and creates"
              + " them again: pass one or the other");
    }
    if (dataOnly) {
      throw bad(
          "--data-only loads into the tables the application created and --drop replaces"
              + " them with sqlite2pg's own: pass one or the other");
    }
    if (resume) {
      throw bad(
          "--resume continues the interrupted run with the rows it already copied and"
              + " --drop would replace them: pass --resume alone to continue, or --drop alone to"
              + " start again");
    }
  }

  private static MigrationException bad(String message) {
    return new MigrationException(Code.BAD_ARGUMENTS, message);
  }

  /** The mode whose rules apply: an interrupted run's for {@link Resume}. */
  private LoadMode base() {
    return this instanceof Resume r ? r.interrupted() : this;
  }

  /** STEP 5 creates the foreign keys: not during sync, whose cut-over adds them. */
  default boolean foreignKeys() {
    return !(base() instanceof SyncCopy);
  }

  /** One tenant's file into merged tables: the tenant it loads, when it loads one. */
  default java.util.Optional<TenantScope> tenant() {
    return base() instanceof Merge m
        ? java.util.Optional.of(m.scope())
        : java.util.Optional.empty();
  }

  /** The target's tables when the mode already knows them (a merged fleet's), else read. */
  default java.util.Optional<ExistingTables> knownTables() {
    return base() instanceof Merge m
        ? java.util.Optional.of(m.tables())
        : java.util.Optional.empty();
  }

  /** Continues an interrupted run: the tables exist and STEP 3 writes nothing. */
  default boolean resumes() {
    return this instanceof Resume;
  }

  /** Loads into the application's tables: no DDL, and STEP 5 only moves sequences. */
  default boolean dataOnly() {
    return base() instanceof DataOnly;
  }

  /** Rows whose primary key the target holds are left as they are, not refused. */
  default boolean skipsExistingRows() {
    return base() instanceof SkipExisting
        || base() instanceof DataOnly d && d.existing() == Existing.SKIP;
  }

  /**
   * --if-exists=replace: the tables the load writes into are emptied in STEP 3, so the rows they
   * held neither conflict nor stay.
   */
  default boolean emptiesTables() {
    return base() instanceof Refill
        || base() instanceof DataOnly d && d.existing() == Existing.EMPTY;
  }

  /** --drop: the tables are dropped and created again, whatever they hold. */
  default boolean replaces() {
    return this instanceof Replace;
  }

  /** The target's tables are read before STEP 3; --drop replaces whatever they hold. */
  default boolean readsTargetFirst() {
    return !replaces() && tenant().isEmpty(); // a merged fleet's tables: created by the fleet
  }

  /** How STEP 2 fits the plan to the tables the target already has. */
  default Fit fit() {
    LoadMode m = base();
    return m instanceof DataOnly || m instanceof Merge
        ? Fit.ALL
        : m instanceof SkipExisting || m instanceof Refill ? Fit.WHERE_EXISTS : Fit.NONE;
  }

  /** Plan fitting: none, every table (--data-only), or the tables that exist. */
  enum Fit {
    NONE,
    ALL,
    WHERE_EXISTS
  }

  /**
   * Keys, indexes and views may already exist (the interrupted run's, or those of the tables whose
   * rows are kept), so STEP 5 keeps what it finds instead of failing on it.
   */
  default boolean objectsMayExist() {
    return resumes() || skipsExistingRows() || base() instanceof Refill;
  }

  /**
   * A table whose values do not fit its planned types may be dropped, planned again and recreated
   * during STEP 4: only a table this run created, never one that existed before.
   */
  default boolean mayRecreate(boolean existedBefore) {
    // Never a merged fleet's table: it holds the other tenants' rows.
    return !resumes() && !dataOnly() && tenant().isEmpty() && !existedBefore;
  }

  /**
   * Large tables are copied in rowid-range chunks. Not when rows are merged into tables that have
   * them (a chunk's transaction would see the other chunks' keys as existing); the decision does
   * not depend on --jobs, so a resumed run finds the same chunks.
   */
  default boolean chunks() {
    return fit() == Fit.NONE;
  }

  /**
   * Parents load before children: the target's foreign keys are enforced during the load into
   * tables that exist; otherwise keys come after the data and tables load at once.
   */
  default boolean parentsFirst() {
    // A merged fleet's foreign keys come after its last file: every table may load at once.
    return fit() != Fit.NONE && tenant().isEmpty();
  }

  /**
   * The target's foreign keys may be in place while rows load: the tables existed with theirs
   * (parents first), or an interrupted run's STEP 5 may have added some. Otherwise they come after
   * the data, and the copy need not ask for them to be checked per row.
   */
  default boolean keysDuringLoad() {
    return parentsFirst() || resumes();
  }
}
