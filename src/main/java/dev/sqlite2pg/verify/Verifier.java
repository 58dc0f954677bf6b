package dev.sqlite2pg.verify;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.TableCheck;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.ExistingTables;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.plan.TargetFit;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/** STEP 6: compares every table of the plan on both sides, every row and value. */
public final class Verifier {

  private final SqliteSource source;
  private final TargetConnector target;
  private final String schema;
  private final Plan plan;

  private final int keep;
  private final boolean rejectsExpected;
  private final int jobs;
  private Optional<dev.sqlite2pg.pg.TenantScope> scope = Optional.empty();
  private Optional<ExistingTables> known = Optional.empty();
  private dev.sqlite2pg.ProgressListener progress = dev.sqlite2pg.ProgressListener.NONE;

  /** Tells {@code listener} of the rows checked and of each table compared. */
  public Verifier listening(dev.sqlite2pg.ProgressListener listener) {
    this.progress = listener;
    return this;
  }

  /** Compares with one tenant's rows of the target's tables only (migrate --merge). */
  public Verifier scoped(Optional<dev.sqlite2pg.pg.TenantScope> tenant) {
    this.scope = tenant;
    return this;
  }

  /**
   * The target's tables as the caller read them with {@link #checkedTables} (a merged fleet reads
   * them once for all its files), instead of reading them again.
   */
  public Verifier knowing(Optional<ExistingTables> tables) {
    this.known = tables;
    return this;
  }

  /**
   * @param keep how many differing rows to keep in detail per table
   * @param jobs tables compared at once, each on its own pair of connections
   */
  public Verifier(
      SqliteSource source,
      TargetConnector target,
      String schema,
      Plan plan,
      int keep,
      boolean rejectsExpected,
      int jobs) {
    this.keep = keep;
    this.jobs = Math.max(1, jobs);
    this.rejectsExpected = rejectsExpected;
    this.source = source;
    this.target = target;
    this.schema = schema;
    this.plan = plan;
  }

  /** One check per table of the plan, in the plan's order. */
  public List<TableCheck> verifyAll() {
    return verifyAll(EarlyTargetSide.NONE);
  }

  /** As {@link #verifyAll()}, with the target's fingerprints that {@code early} started. */
  public List<TableCheck> verifyAll(EarlyTargetSide early) {
    ExistingTables existing = known.orElseGet(() -> checkedTables(target, schema));
    boolean utf8 = plan.catalog().utf8();
    TableVerifier tv =
        new TableVerifier(schema, utf8, keep, rejectsExpected, scope).listening(progress);
    List<TablePlan> tables = plan.tables();
    if (jobs == 1 || tables.size() <= 1) {
      return inTurn(tv, tables, early, existing);
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.min(jobs, Math.max(1, tables.size())),
            r -> {
              Thread th = new Thread(r, "sqlite2pg-verify");
              th.setDaemon(true);
              return th;
            });
    try {
      // Largest first, so that the last table to finish is a small one.
      List<java.util.concurrent.Future<TableCheck>> pending = new ArrayList<>();
      java.util.Map<TablePlan, java.util.concurrent.Future<TableCheck>> byTable =
          new java.util.HashMap<>();
      tables.stream()
          .sorted(java.util.Comparator.comparingLong(TablePlan::sourceRows).reversed())
          .forEach(t -> byTable.put(t, pool.submit(() -> told(check(tv, t, early, existing)))));
      tables.forEach(t -> pending.add(byTable.get(t)));
      List<TableCheck> out = new ArrayList<>();
      for (java.util.concurrent.Future<TableCheck> f : pending) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MigrationException(Code.TARGET, "Verification was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Each table's fingerprint as the source has it, for a comparison made later ({@link
   * TenantFingerprints}); tables the target does not have are left out (that comparison reports
   * them).
   */
  public List<SourceFingerprint> sourceFingerprints() {
    ExistingTables existing = known.orElseGet(() -> checkedTables(target, schema));
    TableVerifier tv =
        new TableVerifier(schema, plan.catalog().utf8(), keep, rejectsExpected).listening(progress);
    List<SourceFingerprint> out = new ArrayList<>();
    try (Connection src = source.connect()) {
      for (TablePlan t : plan.tables()) {
        Optional<TablePlan> matched = new TargetFit(existing).match(t).plan();
        if (matched.isPresent()) {
          out.add(tv.sourceOnly(source, matched.get(), src));
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
  }

  /** {@code c}, once the listener is told of it. */
  private TableCheck told(TableCheck c) {
    progress.tableChecked(
        new dev.sqlite2pg.ProgressListener.TableChecked(
            c.sourceTable(), c.sourceRows(), c.equal()));
    return c;
  }

  /**
   * One table after another on one pair of connections: a fleet's file runs with one job, and a
   * pair per table cost 2 more connections, SQLite opens and session settings per file.
   */
  private List<TableCheck> inTurn(
      TableVerifier tv, List<TablePlan> tables, EarlyTargetSide early, ExistingTables existing) {
    List<TableCheck> out = new ArrayList<>();
    String doing = "Connecting to verify";
    try (Connection src = source.connect();
        Connection dst = target.open()) {
      TargetSide.session(dst);
      for (TablePlan t : tables) {
        doing = "Verifying " + t.source().name();
        out.add(told(check(tv, t, early, existing, src, dst)));
      }
      return out;
    } catch (SQLException e) {
      throw failed(doing, e);
    }
  }

  private TableCheck check(
      TableVerifier tv, TablePlan t, EarlyTargetSide early, ExistingTables existing) {
    try (Connection src = source.connect();
        Connection dst = target.open()) {
      TargetSide.session(dst);
      return check(tv, t, early, existing, src, dst);
    } catch (SQLException e) {
      throw failed("Verifying " + t.source().name(), e);
    }
  }

  private TableCheck check(
      TableVerifier tv,
      TablePlan t,
      EarlyTargetSide early,
      ExistingTables existing,
      Connection src,
      Connection dst)
      throws SQLException {
    TargetFit.Match m = new TargetFit(existing).match(t);
    if (m.plan().isEmpty()) {
      return new TableCheck(
          t.source().name(),
          t.target(),
          t.sourceRows(),
          t.sourceRows(),
          0,
          false,
          0,
          0,
          0,
          List.of(),
          m.problem(),
          0,
          TableCheck.ROWS);
    }
    return tv.check(
        source,
        m.plan().get(),
        src,
        dst,
        early.of(t.source().name()).filter(f -> !f.isCompletedExceptionally()));
  }

  /**
   * The server's version checked (the row hashes need hash_record_extended(), new in PostgreSQL
   * 14), and the target's tables read once for every table compared (a catalog read per table cost
   * 3 reads per file of a merged fleet, measured on 200 files).
   */
  public static ExistingTables checkedTables(TargetConnector target, String schema) {
    try (Connection dst = target.open();
        java.sql.Statement s = dst.createStatement()) {
      try (java.sql.ResultSet rs =
          s.executeQuery(
              "SELECT current_setting('server_version_num')::int,"
                  + " current_setting('server_version')")) {
        rs.next();
        if (rs.getInt(1) < 140000) {
          throw new MigrationException(
              Code.TARGET,
              "verify needs PostgreSQL 14 or later (it"
                  + " hashes rows with hash_record_extended()); this server is "
                  + rs.getString(2)
                  + ": pass --no-verify, or verify against a newer server");
        }
      }
      return ExistingTables.read(dst, schema);
    } catch (SQLException e) {
      throw TargetErrors.translate("Connecting to verify", e, target);
    }
  }

  /**
   * Both databases are read in the same steps, so the driver says which failed: pgjdbc throws
   * PSQLException; sqlite-jdbc, SQLiteException or a plain SQLException (exit 4, not 5).
   */
  private MigrationException failed(String doing, SQLException e) {
    return e instanceof PSQLException
        ? TargetErrors.translate(doing, e, target)
        : SqliteErrors.translate(source.origin(), e);
  }
}
