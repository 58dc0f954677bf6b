package dev.sqlite2pg.target;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.Warning;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;

/**
 * STEP 5 on several connections: each table's keys, indexes and CHECKs, then its ANALYZE, run
 * one after the other on a connection of their own, several tables at once (each statement
 * locks only its table, so they cannot deadlock); then the foreign keys (see {@link #run}).
 * Warnings come out in the statements' order, whatever finished first. On the 5M-row
 * benchmark: 3.9 s on one connection, 3.1 s on two.
 */
final class PostDataScheduler {

  private final TargetConnector target;
  private final boolean resume;
  private final int jobs;
  private final List<Warning> warnings = new ArrayList<>();
  private final List<NotMigrated> notMigrated = new ArrayList<>();
  private int created;

  PostDataScheduler(TargetConnector target, boolean resume, int jobs) {
    this.target = target;
    this.resume = resume;
    this.jobs = Math.max(1, jobs);
  }

  List<Warning> warnings() {
    return warnings;
  }

  List<NotMigrated> notMigrated() {
    return notMigrated;
  }

  int created() {
    return created;
  }

  /**
   * @param analyze source table name to the qualified target table to ANALYZE, largest
   *     first: each is analyzed right after its own statements
   */
  void run(List<PostDataItem> items, Map<String, String> analyze) throws SQLException {
    Map<String, List<PostDataItem>> byTable = new LinkedHashMap<>();
    analyze.keySet().forEach(t -> byTable.put(t, new ArrayList<>()));
    List<PostDataItem> foreignKeys = new ArrayList<>();
    for (PostDataItem item : items) {
      if (item.kind().equals("foreign key")) {
        foreignKeys.add(item);
      } else {
        byTable.computeIfAbsent(item.table(), k -> new ArrayList<>()).add(item);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, byTable.size() + 1), r -> {
      Thread th = new Thread(r, "sqlite2pg-post-data");
      th.setDaemon(true);
      return th;
    });
    try {
      Map<String, CompletableFuture<PostDataRunner>> chains = new LinkedHashMap<>();
      byTable.forEach((table, own) -> chains.put(table, CompletableFuture.supplyAsync(
          () -> runOrFail(own, analyze.get(table)), pool)));
      // A foreign key starts once both its tables' own statements are done, while other
      // tables still build theirs. It goes in two steps. ADD ... NOT VALID, one at a time: it
      // locks both tables (SHARE ROW EXCLUSIVE), so two at once could wait for each other, but
      // it reads no rows. Then VALIDATE CONSTRAINT, several at once: it locks only the child
      // table against other schema changes and the parent not at all, and it reads the rows.
      Object adding = new Object();
      List<CompletableFuture<PostDataRunner>> keys = new ArrayList<>();
      for (PostDataItem fk : foreignKeys) {
        CompletableFuture<PostDataRunner> child = chains.get(fk.table());
        CompletableFuture<PostDataRunner> parent = fk.references().map(chains::get)
            .orElse(child);
        keys.add(CompletableFuture.allOf(child, parent).thenApplyAsync(ignored -> {
          PostDataRunner runner;
          synchronized (adding) {
            runner = runOrFail(List.of(notValid(fk)), null);
          }
          if (runner.notMigrated().isEmpty()) {
            PostDataRunner validated = runOrFail(List.of(validate(fk, analyze.get(fk.table()))),
                null);
            return runner.and(validated);
          }
          return runner;
        }, pool));
      }
      List<PostDataRunner> done = new ArrayList<>();
      for (CompletableFuture<PostDataRunner> f : chains.values()) {
        done.add(f.get());
      }
      for (CompletableFuture<PostDataRunner> f : keys) {
        done.add(f.get());
      }
      for (PostDataRunner r : done) {
        warnings.addAll(r.warnings());
        notMigrated.addAll(r.notMigrated());
        created += r.created();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("STEP 5 was interrupted", "57014", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ce
          && ce.getCause() != null ? ce.getCause() : e.getCause();
      if (cause instanceof Failed f) {
        throw f.sql;
      }
      if (cause instanceof SQLException se) {
        throw se;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs {@code items} on a connection of their own, then ANALYZE {@code analyze} when given;
   * a failure to connect or to analyze is carried out of the pool as {@link Failed}.
   */
  private PostDataRunner runOrFail(List<PostDataItem> items, String analyze) {
    PostDataRunner runner = new PostDataRunner(resume);
    try (Connection c = open()) {
      runner.run(c, items);
      if (analyze != null) {
        try (Statement s = c.createStatement()) {
          s.execute("ANALYZE " + analyze);
        }
      }
      return runner;
    } catch (SQLException e) {
      throw new Failed(e);
    }
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
    return new PostDataItem(fk.kind(), fk.name(), fk.table(), fk.notValidSql().orElse(fk.sql()),
        java.util.Optional.empty(), java.util.Optional.empty());
  }

  /** Checking the rows of a foreign key created NOT VALID; orphans leave it NOT VALID. */
  private static PostDataItem validate(PostDataItem fk, String qualifiedTable) {
    return new PostDataItem(fk.kind(), fk.name(), fk.table(), "ALTER TABLE " + qualifiedTable
        + " VALIDATE CONSTRAINT " + dev.sqlite2pg.mapping.Identifiers.quote(fk.name()),
        java.util.Optional.empty(), fk.violationsSql());
  }

  /** A connection with room to sort an index in memory: builds that spill to disk take longer. */
  private Connection open() throws SQLException {
    Connection c = target.open();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '256MB'");
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
