package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.Migrator;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.MappingConfig;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.run.CatalogStep;
import dev.sqlite2pg.run.LoadMode;
import dev.sqlite2pg.run.PlanStep;
import dev.sqlite2pg.run.RunContext;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reverse over the real databases of ../shared/corpus (or the directory given): for every table
 * and column the copy moves, up to {@code sqlite2pg.reverse.limit} values (default 20,000) go there
 * and back through {@link ReverseHarness}, with the shape learned from the column's newest 1,000.
 * Prints, per file, how many came back exact, how many the reverse refused, how many came back
 * different, and the columns behind each. A report, not a test: it has no expectations.
 *
 * <p>Run with {@code bench/reverse-corpus.sh [DIR]}.
 */
public final class ReverseCorpus {

  private ReverseCorpus() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
    int limit = Integer.getInteger("sqlite2pg.reverse.limit", 20_000);
    Path work = Files.createTempDirectory("reverse-corpus");
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(corpus)) {
      s.filter(p -> !p.getFileName().toString().matches(".*(\\.md|-shm|-wal)$"))
          .sorted()
          .forEach(files::add);
    }
    long[] total = new long[9];
    try (ReverseHarness h = new ReverseHarness("reverse_corpus", work)) {
      for (Path f : files) {
        long[] sums = file(h, f, limit);
        for (int i = 0; i < total.length; i++) {
          total[i] += sums[i];
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "TOTAL %d columns, %d values: %d exact, %d refused by the reverse, %d different,"
            + " %d not copied forward; verify's hash agrees on %d; exact when the row's SQLite"
            + " value is at hand %d; reverse %.2f µs a value (getString included)%n",
        total[0],
        total[1],
        total[2],
        total[3],
        total[4],
        total[5],
        total[6],
        total[7],
        total[8] / 1000.0 / Math.max(1, total[1]));
  }

  /** {columns, values, exact, refused, different, not copied, verify's hash agrees}. */
  private static long[] file(ReverseHarness h, Path f, int limit) {
    long[] sums = new long[9];
    Map<String, String> notes = new TreeMap<>();
    Plan plan;
    try {
      plan = plan(f);
    } catch (RuntimeException e) {
      System.out.printf(Locale.ROOT, "%s: not planned: %s%n", f.getFileName(), e.getMessage());
      return sums;
    }
    try (Connection src =
        DriverManager.getConnection(
            "jdbc:sqlite:file:" + f + "?immutable=1", props())) { // no -wal/-shm beside it
      for (TablePlan t : plan.tables()) {
        for (ColumnPlan c : t.copiedColumns()) {
          List<Object> values = ColumnSample.read(src, t.source().name(), c.source().name(), limit);
          if (values.isEmpty()) {
            continue;
          }
          ReverseHarness.Outcome o =
              h.run(c.source().declaredType(), c.type(), c.options(), values);
          int different = o.values() - o.reverseRefused() - o.exact();
          sums[0]++;
          sums[1] += values.size();
          sums[2] += o.exact();
          sums[3] += o.reverseRefused();
          sums[4] += different;
          sums[5] += o.forwardRefused();
          sums[6] += o.hashAgrees();
          sums[7] += o.exactWithCurrent();
          sums[8] += o.reverseNanos();
          if (!o.problems().isEmpty()) {
            notes.put(
                t.source().name() + "." + c.source().name() + " (" + c.type().sql() + ")",
                o.exact() + "/" + o.values() + " exact; " + o.problems().get(0));
          }
        }
      }
    } catch (Exception e) {
      notes.put("(file)", "stopped: " + e);
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %d columns, %d values: %d exact, %d refused, %d different, %d not copied forward;"
            + " hash agrees on %d; exact when the row's SQLite value is at hand %d%n",
        f.getFileName(),
        sums[0],
        sums[1],
        sums[2],
        sums[3],
        sums[4],
        sums[5],
        sums[6],
        sums[7]);
    notes.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %s: %s%n", k, v));
    return sums;
  }

  private static java.util.Properties props() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    return p;
  }

  private static Plan plan(Path db) {
    String url = TestPostgres.jdbcUrl(TestPostgres.newDatabase("reverse_plan"));
    Migrator migrator = Migrator.configure().source(db).target(new JdbcTarget(url)).build();
    SqliteSource source = SqliteSource.open(db);
    RunContext run =
        new RunContext(
            migrator.options(),
            new JdbcTarget(url),
            new LoadMode.Create(),
            List.of(),
            MappingConfig.EMPTY);
    return PlanStep.run(run, source, CatalogStep.run(run, source), false);
  }
}
