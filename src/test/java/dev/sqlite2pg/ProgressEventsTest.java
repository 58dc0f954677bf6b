package dev.sqlite2pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.ProgressListener.Step;
import dev.sqlite2pg.testing.Fixtures;
import dev.sqlite2pg.testing.JdbcTarget;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real migration told to a listener (issue 17): every step started and finished once, in order;
 * the rows of the batches and chunks add up to the rows copied; STEP 5's statements each start and
 * end, as many as announced; verify's rows add up to the source's. Chunks of 1,000 rows, so that
 * one table is copied in several.
 */
@NeedsServer
class ProgressEventsTest {

  @TempDir Path dir;

  @BeforeEach
  void smallChunks() {
    System.setProperty("sqlite2pg.chunk-rows", "1000");
  }

  @AfterEach
  void defaultChunks() {
    System.clearProperty("sqlite2pg.chunk-rows");
  }

  /** A shop: customers, and orders that refer to them, indexed; 4,500 orders in 5 chunks. */
  private Path shop(String name) {
    return Fixtures.buildFromSql(
        """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
        INSERT INTO customers SELECT i, 'c' || i || '@example.com' FROM n;
        CREATE TABLE orders (id INTEGER PRIMARY KEY,
          customer INTEGER REFERENCES customers(id), total REAL);
        CREATE INDEX orders_customer ON orders(customer);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4500)
        INSERT INTO orders SELECT i, 1 + i % 300, i * 1.5 FROM n;
        """,
        dir.resolve(name));
  }

  @Test
  void aMigrationTellsEachStepAndAddsUp() throws Exception {
    Path db = shop("shop.db");
    Recorder heard = new Recorder();
    MigrationResult r =
        Migrator.configure()
            .source(db)
            .target(new JdbcTarget(TestPostgres.newDatabase("progress")))
            .jobs(2)
            .progress(heard)
            .build()
            .migrate();
    assertThat(r.exitCode()).isZero();

    List<Step> all = List.of(Step.values());
    assertThat(heard.started()).extracting(ProgressListener.StepStarted::step).isEqualTo(all);
    assertThat(heard.finished()).extracting(ProgressListener.StepFinished::step).isEqualTo(all);
    for (Step s : all) {
      assertThat(heard.events.indexOf("finished " + s))
          .as(s + " finished after it started")
          .isGreaterThan(heard.events.indexOf("started " + s));
    }
    assertThat(r.steps())
        .extracting(StepTime::name)
        .containsExactly(
            "snapshot",
            "catalog",
            "plan",
            "framework",
            "schema",
            "copy",
            "post_data",
            "verify",
            "report");
    assertThat(r.steps()).allSatisfy(t -> assertThat(t.seconds()).isNotNegative());

    ProgressListener.StepStarted catalog = heard.started(Step.CATALOG);
    assertThat(catalog.bytes()).isEqualTo(Files.size(db));
    ProgressListener.StepStarted copy = heard.started(Step.COPY);
    assertThat(copy.tables()).isEqualTo(2);
    assertThat(copy.rows()).isEqualTo(4800);

    // The batches' rows, the committed chunks' rows and the tables' rows all add up.
    assertThat(heard.sent.stream().mapToLong(ProgressListener.RowsSent::rows).sum())
        .isEqualTo(r.copiedRows())
        .isEqualTo(4800);
    assertThat(heard.chunks).allMatch(ProgressListener.ChunkCopied::committed);
    assertThat(
            heard.chunks.stream()
                .filter(c -> c.table().equals("orders"))
                .mapToLong(ProgressListener.ChunkCopied::rows)
                .sum())
        .isEqualTo(4500);
    assertThat(heard.chunks.stream().filter(c -> c.table().equals("orders")).count())
        .as("orders in chunks of 1,000 rows")
        .isEqualTo(5);
    assertThat(heard.tables)
        .extracting(ProgressListener.TableCopied::table, ProgressListener.TableCopied::rows)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("customers", 300L),
            org.assertj.core.groups.Tuple.tuple("orders", 4500L));

    // STEP 5: each statement started and ended, as many as announced.
    List<ProgressListener.PostDataObject> starts =
        heard.postData.stream().filter(p -> !p.finished()).toList();
    List<ProgressListener.PostDataObject> ends =
        heard.postData.stream().filter(ProgressListener.PostDataObject::finished).toList();
    assertThat(ends).hasSameSizeAs(starts);
    assertThat(ends).hasSize(heard.started(Step.POST_DATA).objects());
    assertThat(ends.stream().map(ProgressListener.PostDataObject::kind).collect(Collectors.toSet()))
        .contains(
            "primary key",
            "unique index",
            "index",
            "analyze",
            "foreign key",
            "foreign key validation",
            "sequences",
            "views");

    // STEP 6: every source row read, every table compared.
    assertThat(heard.checked.stream().mapToLong(ProgressListener.RowsChecked::rows).sum())
        .isEqualTo(4800);
    assertThat(heard.compared).hasSize(2).allMatch(ProgressListener.TableChecked::equal);
  }

  @Test
  void verifyAloneTellsItsRowsAndAFleetItsFiles() throws Exception {
    Path one = shop("one.db");
    Path two = shop("two.db");
    String url = TestPostgres.newDatabase("progress_fleet");
    Recorder heard = new Recorder();
    Migrator template =
        Migrator.configure().source(one).target(new JdbcTarget(url)).progress(heard).build();
    FleetResult fleet =
        Fleet.of(template, List.of(one, two), FleetOptions.SCHEMA_PER_FILE).migrate();
    assertThat(fleet.exitCode()).isZero();
    assertThat(heard.files)
        .containsExactlyInAnyOrder("started 2", "started 2", "finished 2", "finished 2");

    Recorder verifying = new Recorder();
    VerifyResult v =
        Migrator.configure()
            .source(one)
            .target(new JdbcTarget(url))
            .schema("one")
            .progress(verifying)
            .build()
            .verify();
    assertThat(v.exitCode()).isZero();
    assertThat(verifying.started())
        .extracting(ProgressListener.StepStarted::step)
        .containsExactly(Step.SNAPSHOT, Step.CATALOG, Step.PLAN, Step.VERIFY);
    assertThat(verifying.checked.stream().mapToLong(ProgressListener.RowsChecked::rows).sum())
        .isEqualTo(4800);
  }

  /** Everything heard, from whichever thread. */
  static final class Recorder implements ProgressListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<StepStarted> steps = Collections.synchronizedList(new ArrayList<>());
    final List<StepFinished> ends = Collections.synchronizedList(new ArrayList<>());
    final List<RowsSent> sent = Collections.synchronizedList(new ArrayList<>());
    final List<ChunkCopied> chunks = Collections.synchronizedList(new ArrayList<>());
    final List<TableCopied> tables = Collections.synchronizedList(new ArrayList<>());
    final List<PostDataObject> postData = Collections.synchronizedList(new ArrayList<>());
    final List<RowsChecked> checked = Collections.synchronizedList(new ArrayList<>());
    final List<TableChecked> compared = Collections.synchronizedList(new ArrayList<>());
    final List<String> files = Collections.synchronizedList(new ArrayList<>());

    List<StepStarted> started() {
      return List.copyOf(steps);
    }

    List<StepFinished> finished() {
      return List.copyOf(ends);
    }

    StepStarted started(Step s) {
      return steps.stream().filter(e -> e.step() == s).findFirst().orElseThrow();
    }

    @Override
    public void stepStarted(StepStarted e) {
      events.add("started " + e.step());
      steps.add(e);
    }

    @Override
    public void stepFinished(StepFinished e) {
      events.add("finished " + e.step());
      ends.add(e);
    }

    @Override
    public void rowsSent(RowsSent e) {
      sent.add(e);
    }

    @Override
    public void chunkCopied(ChunkCopied e) {
      chunks.add(e);
    }

    @Override
    public void tableCopied(TableCopied e) {
      tables.add(e);
    }

    @Override
    public void postData(PostDataObject e) {
      postData.add(e);
    }

    @Override
    public void rowsChecked(RowsChecked e) {
      checked.add(e);
    }

    @Override
    public void tableChecked(TableChecked e) {
      compared.add(e);
    }

    @Override
    public void fileStarted(FileStarted e) {
      files.add("started " + e.files());
    }

    @Override
    public void fileFinished(FileFinished e) {
      files.add("finished " + e.files());
    }
  }
}
