package dev.sqlite2pg.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.OnError;
import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.state.RunFingerprint;
import dev.sqlite2pg.pg.state.RunState;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL that restarts or a network that drops during a long night's copy must cost a retry
 * of the table, not the table; a refusal that will not go away by itself (a bad password, no free
 * connection slot) must fail the table at once rather than three times. The target here is a
 * connector whose connections fail with the SQLSTATEs given, so no server is needed; the source is
 * an empty SQLite file, which never gets read.
 */
class TableCopierRetryTest {

  private static final TablePlan ORDERS = Plans.plan("orders", 10);

  @TempDir Path dir;

  private SqliteSource source;

  /** Opens fail with these SQLSTATEs in turn, the last one for ever. */
  private static final class FailingTarget implements TargetConnector {
    private final Deque<String> states;
    private int opens;

    FailingTarget(String... states) {
      this.states = new ArrayDeque<>(List.of(states));
    }

    @Override
    public Connection open() throws SQLException {
      opens++;
      String state = states.size() > 1 ? states.poll() : states.peek();
      throw new SQLException("refused by the fake target", state);
    }

    @Override
    public String display() {
      return "postgresql://fake/app";
    }
  }

  @BeforeEach
  void emptySqliteFile() throws IOException {
    source = SqliteSource.open(Files.createFile(dir.resolve("app.db")));
  }

  /** A run without a record (the role may not create the sqlite2pg schema): no server. */
  private static RunState noRecord() {
    return RunState.start(
        new FailingTarget("42501"), "public", RunFingerprint.of("test"), List.of(ORDERS));
  }

  private TableCopier copier(TargetConnector target) {
    return new TableCopier(
        source,
        target,
        "public",
        true,
        1000,
        OnError.SKIP,
        noRecord(),
        t -> true,
        ExistingRows.none("public", noRecord()),
        dev.sqlite2pg.ProgressListener.NONE);
  }

  /** Class 08 every time: tried {@code ATTEMPTS} times (pausing 1 s, then 2 s), then failed. */
  @Test
  void aConnectionThatStaysLostIsTriedAttemptsTimes() {
    FailingTarget target = new FailingTarget("08006");
    TableCopyResult r = copier(target).copy(ORDERS);
    assertThat(target.opens).isEqualTo(TableCopier.ATTEMPTS);
    assertThat(r.copiedRows()).isZero();
    assertThat(r.error())
        .hasValueSatisfying(
            e ->
                assertThat(e)
                    .startsWith(
                        "copy failed after 0 rows: refused by the fake target (SQLSTATE 08006)")
                    .contains("connection to PostgreSQL failed or was lost"));
  }

  /** A retry that meets a different error stops there: only class 08 is retried. */
  @Test
  void aRetryStopsAtTheFirstErrorThatIsNotALostConnection() {
    FailingTarget target = new FailingTarget("08001", "53300");
    TableCopyResult r = copier(target).copy(ORDERS);
    assertThat(target.opens).isEqualTo(2);
    assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("SQLSTATE 53300"));
  }

  @Test
  void otherErrorsAreNotRetried() {
    for (String state : List.of("28P01", "53300", "3D000", "57P01")) {
      FailingTarget target = new FailingTarget(state);
      TableCopyResult r = copier(target).copy(ORDERS);
      assertThat(target.opens).as(state).isEqualTo(1);
      assertThat(r.error())
          .as(state)
          .hasValueSatisfying(e -> assertThat(e).contains("(SQLSTATE " + state + ")"));
    }
  }

  /** A chunk's failure names the chunk, so that the report says which rows are missing. */
  @Test
  void aFailedChunkIsNamed() {
    Chunk chunk = new Chunk(Long.MIN_VALUE, 500, 1, 2);
    TableCopyResult r = copier(new FailingTarget("28P01")).copy(ORDERS, chunk);
    assertThat(r.error())
        .hasValueSatisfying(
            e -> assertThat(e).startsWith("copy of " + chunk.describe() + " failed after 0 rows:"));
    assertThat(r.sourceTable()).isEqualTo("orders");
  }
}
