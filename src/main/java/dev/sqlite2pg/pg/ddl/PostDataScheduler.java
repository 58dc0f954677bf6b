package dev.sqlite2pg.pg.ddl;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.ProgressListener.PostDataObject;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.Warning;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * STEP 5 on several connections: each table's keys, indexes and CHECKs, then its ANALYZE, run one
 * after the other on a connection of their own, as soon as that table's rows are all in ({@link
 * #tableReady}), while other tables still copy; several tables at once (each statement locks only
 * its table, so they cannot deadlock). Then the foreign keys (see {@link #finish}). Warnings come
 * out in the statements' order, whatever finished first. On the 5M-row benchmark: 3.9 s on one
 * connection after the copy, 3.1 s on two, about 2.5 s overlapped.
 */
final class PostDataScheduler {

  private final TargetConnector target;
  private final boolean resume;
  private final ProgressListener progress;
  private final Map<String, String> analyze;
  private final Map<String, List<PostDataItem>> byTable = new LinkedHashMap<>();
  private final List<PostDataItem> foreignKeys = new ArrayList<>();
  private final Map<String, CompletableFuture<PostDataRunner>> chains =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final boolean keysEarly;
  private final Map<Integer, CompletableFuture<PostDataRunner>> keys =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Object adding = new Object();
  private final ExecutorService pool;
  private final List<Warning> warnings = new ArrayList<>();
  private final List<NotMigrated> notMigrated = new ArrayList<>();

  /**
   * @param analyze source table name to the qualified target table to ANALYZE, largest first: each
   *     is analyzed right after its own statements
   * @param keysEarly the run creates the foreign keys: each is created as soon as both its tables
   *     are done, while other tables still copy
   */
  PostDataScheduler(
      TargetConnector target,
      boolean resume,
      int jobs,
      List<PostDataItem> items,
      Map<String, String> analyze,
      boolean keysEarly,
      ProgressListener progress) {
    this.keysEarly = keysEarly;
    this.target = target;
    this.resume = resume;
    this.progress = progress;
    this.analyze = analyze;
    analyze.keySet().forEach(t -> byTable.put(t, new ArrayList<>()));
    for (PostDataItem item : items) {
      if (item.kind().equals("foreign key")) {
        foreignKeys.add(item);
      } else {
        byTable.computeIfAbsent(item.table(), k -> new ArrayList<>()).add(item);
      }
    }
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(jobs, byTable.size() + 1)),
            r -> {
              Thread th = new Thread(r, "sqlite2pg-post-data");
              th.setDaemon(true);
              return th;
            });
  }

  List<Warning> warnings() {
    return warnings;
  }

  List<NotMigrated> notMigrated() {
    return notMigrated;
  }

  /**
   * The statements {@link #finish} will have run: every table's (or, when {@code complete} is
   * false, only those of the tables already started) with their ANALYZE; with {@code
   * withForeignKeys} each foreign key twice (added NOT VALID, then validated); when complete,
   * sequences and views.
   */
  int objects(boolean complete, boolean withForeignKeys) {
    java.util.Collection<String> tables = complete ? byTable.keySet() : chains.keySet();
    int n = 0;
    for (String t : tables) {
      n += byTable.getOrDefault(t, List.of()).size() + (analyze.containsKey(t) ? 1 : 0);
    }
    int fks = complete && withForeignKeys ? foreignKeys.size() : keys.size();
    return n + 2 * fks + (complete ? 2 : 0);
  }

  /** Tells the listener that one of STEP 5's other objects (sequences, views) starts or ends. */
  void announce(String kind, String name, boolean finished) {
    progress.postData(new PostDataObject(kind, name, "", finished));
  }

  /** Stops what is still running (a run that ends before {@link #finish}). */
  void close() {
    pool.shutdownNow();
  }

  /**
   * Starts the statements of a table whose rows are all copied (once; later calls do nothing), and
   * the foreign keys whose other table is done too. On the 5M-row benchmark the two keys' checks
   * (0.5 and 1.0 s, at once) were all of STEP 5 left after the copy.
   */
  void tableReady(String sourceTable) {
    chains.computeIfAbsent(sourceTable, this::chain);
    if (keysEarly) {
      startKeys();
    }
  }

  /** The foreign keys not started yet whose two tables are both started. */
  private void startKeys() {
    for (int k = 0; k < foreignKeys.size(); k++) {
      PostDataItem fk = foreignKeys.get(k);
      if (chains.containsKey(fk.table()) && fk.references().map(chains::containsKey).orElse(true)) {
        keys.computeIfAbsent(k, i -> foreignKey(fk));
      }
    }
  }

  /**
   * A table's statements in two waves: first its indexes at once, each on a connection of its own,
   * the primary key among them built as its unique index (CREATE INDEX locks the table only against
   * writes, so builds on one table run side by side: a large table's key and two indexes took one
   * core of two, one after the other, while the rest of the run waited for them); then on one
   * connection the key attached to its index (ADD PRIMARY KEY USING INDEX, which reads no rows when
   * its columns are NOT NULL), its CHECKs and ANALYZE. Outcomes are kept in the statements' order.
   */
  private CompletableFuture<PostDataRunner> chain(String table) {
    List<PostDataItem> items = byTable.getOrDefault(table, List.of());
    List<PostDataItem> builds =
        items.stream().filter(i -> isIndex(i) || i.asIndexSql().isPresent()).toList();
    if (builds.size() < 2) {
      // Nothing to run side by side: one connection, in order, as the statements were built.
      return CompletableFuture.supplyAsync(
          () -> runOrFail(items, analyze.get(table), progress), pool);
    }
    List<PostDataItem> rest = items.stream().filter(i -> !builds.contains(i)).toList();
    List<CompletableFuture<PostDataRunner>> each =
        builds.stream()
            .map(
                b ->
                    CompletableFuture.supplyAsync(
                        () -> runOrFail(List.of(asBuilt(b)), null, progress), pool))
            .toList();
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApplyAsync(
            done -> {
              PostDataRunner all = new PostDataRunner(resume, progress);
              List<PostDataItem> after = new ArrayList<>();
              for (int k = 0; k < builds.size(); k++) {
                PostDataRunner built = each.get(k).join();
                all = all.and(built);
                if (builds.get(k).asIndexSql().isPresent() && built.notMigrated().isEmpty()) {
                  after.add(attached(builds.get(k), analyze.get(table)));
                }
              }
              // The key was told of as one object when its index was built: attaching it is
              // part of that object, not another (the progress counts objects).
              if (!after.isEmpty()) {
                all = all.and(runOrFail(after, null, ProgressListener.NONE, table));
              }
              return all.and(runOrFail(rest, analyze.get(table), progress, table));
            },
            pool);
  }

  /** An index as it is built: a primary key as its unique index. */
  private static PostDataItem asBuilt(PostDataItem item) {
    return item.asIndexSql().isEmpty()
        ? item
        : new PostDataItem(
            item.kind(),
            item.name(),
            item.table(),
            item.asIndexSql().get(),
            Optional.empty(),
            Optional.empty());
  }

  /** The primary key made of the unique index built for it. */
  private static PostDataItem attached(PostDataItem key, String qualifiedTable) {
    return new PostDataItem(
        key.kind(),
        key.name(),
        key.table(),
        "ALTER TABLE "
            + qualifiedTable
            + " ADD CONSTRAINT "
            + dev.sqlite2pg.sql.Identifiers.quote(key.name())
            + " PRIMARY KEY USING INDEX "
            + dev.sqlite2pg.sql.Identifiers.quote(key.name()),
        Optional.empty(),
        Optional.empty());
  }

  /** A CREATE [UNIQUE] INDEX: it locks its table only against writes. */
  private static boolean isIndex(PostDataItem item) {
    return item.kind().equals("index") || item.kind().equals("unique index");
  }

  /**
   * Waits for every table's statements (starting those not started yet), then creates the foreign
   * keys, unless {@code withForeignKeys} is false (a table did not copy completely). A foreign key
   * starts once both its tables are done. It goes in two steps. ADD ... NOT VALID, one at a time:
   * it locks both tables (SHARE ROW EXCLUSIVE), so two at once could wait for each other, but it
   * reads no rows. Then VALIDATE CONSTRAINT, several at once: it locks only the child table against
   * other schema changes and the parent not at all, and it reads the rows.
   */
  void finish(boolean withForeignKeys) throws SQLException {
    try {
      if (withForeignKeys) {
        byTable.keySet().forEach(t -> chains.computeIfAbsent(t, this::chain));
        startKeys();
      }
      List<PostDataRunner> done = new ArrayList<>();
      for (String table : byTable.keySet()) {
        CompletableFuture<PostDataRunner> chain = chains.get(table);
        if (chain != null) {
          done.add(chain.get());
        }
      }
      // Keys started early joined two tables copied completely, so they stand even when
      // another table did not copy (then no other key is created).
      for (int k = 0; k < foreignKeys.size(); k++) {
        CompletableFuture<PostDataRunner> key = keys.get(k);
        if (key != null) {
          done.add(key.get());
        }
      }
      for (PostDataRunner r : done) {
        warnings.addAll(r.warnings());
        notMigrated.addAll(r.notMigrated());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("STEP 5 was interrupted", "57014", e);
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof java.util.concurrent.CompletionException ce
                  && ce.getCause() != null
              ? ce.getCause()
              : e.getCause();
      if (cause instanceof Failed f) {
        throw f.sql;
      }
      if (cause instanceof SQLException se) {
        throw se;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A foreign key once both its tables' statements are done: added NOT VALID (one at a time, see
   * {@link #finish}), then validated.
   */
  private CompletableFuture<PostDataRunner> foreignKey(PostDataItem fk) {
    CompletableFuture<PostDataRunner> child = chains.get(fk.table());
    CompletableFuture<PostDataRunner> parent = fk.references().map(chains::get).orElse(child);
    return CompletableFuture.allOf(child, parent)
        .thenApplyAsync(
            ignored -> {
              PostDataRunner runner;
              synchronized (adding) {
                runner = runOrFail(List.of(notValid(fk)), null, progress);
              }
              if (runner.notMigrated().isEmpty()) {
                return runner.and(
                    runOrFail(List.of(validate(fk, analyze.get(fk.table()))), null, validating()));
              }
              return runner;
            },
            pool);
  }

  /**
   * Runs {@code items} on a connection of their own, then ANALYZE {@code analyze} when given; a
   * failure to connect or to analyze is carried out of the pool as {@link Failed}.
   */
  private PostDataRunner runOrFail(
      List<PostDataItem> items, String analyze, ProgressListener listener) {
    return runOrFail(items, analyze, listener, items.isEmpty() ? "" : items.get(0).table());
  }

  private PostDataRunner runOrFail(
      List<PostDataItem> items, String analyze, ProgressListener listener, String table) {
    PostDataRunner runner = new PostDataRunner(resume, listener);
    try (Connection c = open()) {
      runner.run(c, items);
      if (analyze != null) {
        listener.postData(new PostDataObject("analyze", analyze, table, false));
        try (Statement s = c.createStatement()) {
          s.execute("ANALYZE " + analyze);
        } finally {
          listener.postData(new PostDataObject("analyze", analyze, table, true));
        }
      }
      return runner;
    } catch (SQLException e) {
      throw new Failed(e);
    }
  }

  /** The listener, hearing a foreign key's VALIDATE as "foreign key validation". */
  private ProgressListener validating() {
    return new ProgressListener() {
      @Override
      public void postData(PostDataObject e) {
        progress.postData(
            new PostDataObject("foreign key validation", e.name(), e.table(), e.finished()));
      }
    };
  }

  /** An SQLException on its way out of a pool thread. */
  private static final class Failed extends RuntimeException {
    final SQLException sql;

    Failed(SQLException sql) {
      super(sql);
      this.sql = sql;
    }
  }

  /** The foreign key created without checking the rows. */
  private static PostDataItem notValid(PostDataItem fk) {
    return new PostDataItem(
        fk.kind(),
        fk.name(),
        fk.table(),
        fk.notValidSql().orElse(fk.sql()),
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  /** Checking the rows of a foreign key created NOT VALID; orphans leave it NOT VALID. */
  private static PostDataItem validate(PostDataItem fk, String qualifiedTable) {
    return new PostDataItem(
        fk.kind(),
        fk.name(),
        fk.table(),
        "ALTER TABLE "
            + qualifiedTable
            + " VALIDATE CONSTRAINT "
            + dev.sqlite2pg.sql.Identifiers.quote(fk.name()),
        java.util.Optional.empty(),
        fk.violationsSql());
  }

  /** A connection with room to sort an index in memory: builds that spill to disk take longer. */
  private Connection open() throws SQLException {
    Connection c = target.open();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      // 256MB at least, or what the server was given if that is more (the default is 64MB).
      s.execute(
          "SELECT set_config('maintenance_work_mem', CASE WHEN setting::bigint >= 262144"
              + " THEN setting || 'kB' ELSE '256MB' END, false) FROM pg_settings"
              + " WHERE name = 'maintenance_work_mem'");
      // Several statements run at once already: parallel workers would only compete with them.
      s.execute("SET max_parallel_maintenance_workers = 0");
      s.execute("SET max_parallel_workers_per_gather = 0");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }
}
