package dev.sqlite2pg.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sqlite2pg.OnError;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CHECK constraint of an existing schema refusing 3 rows of a million must cost those 3 rows, not
 * the table: the refused COPY is split in halves until exactly the refused rows are left out, and
 * every other row arrives once. A server that fails for another reason (a cancelled statement, a
 * missing privilege, a lost connection) fails the batch at once, untouched.
 */
class BatchSenderTest {

  private static final Batch BATCH = new Batch();

  private final List<Long> refused = new ArrayList<>();
  private final List<SQLException> reasons = new ArrayList<>();

  /** Rows valued (and rowid'd) 100, 101, ... so that values are not mistaken for positions. */
  private static Batch rows(int n) {
    BATCH.clear();
    for (int i = 0; i < n; i++) {
      FakeSink.addRow(BATCH, 100 + i);
    }
    return BATCH;
  }

  private int send(Batch b, FakeSink sink, OnError onError) throws SQLException {
    return new BatchSender(sink, onError)
        .send(
            b,
            (i, e) -> {
              refused.add(b.rowid(i));
              reasons.add(e);
            });
  }

  private static List<Long> values(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  private static List<Long> without(List<Long> all, Set<Long> bad) {
    return all.stream().filter(v -> !bad.contains(v)).toList();
  }

  @Test
  void aBatchWithoutBadRowsIsOneCopy() throws SQLException {
    FakeSink sink = new FakeSink(Set.of(), "23514");
    assertThat(send(rows(100), sink, OnError.SKIP)).isEqualTo(100);
    assertThat(sink.calls()).isEqualTo(1);
    assertThat(sink.kept()).isEqualTo(values(100, 200));
    assertThat(refused).isEmpty();
  }

  @Test
  void anEmptyBatchSendsNoCopy() throws SQLException {
    FakeSink sink = new FakeSink(Set.of(100L), "23514");
    assertThat(send(rows(0), sink, OnError.SKIP)).isZero();
    assertThat(sink.calls()).isZero();
  }

  /** 8 rows, the first refused: [0,8) [0,4) [4,8) [0,2) [2,4) [0,1) [1,2). */
  @Test
  void oneBadFirstRowOfEightCostsSevenCopies() throws SQLException {
    FakeSink sink = new FakeSink(Set.of(100L), "23514");
    assertThat(send(rows(8), sink, OnError.SKIP)).isEqualTo(7);
    assertThat(refused).containsExactly(100L);
    assertThat(sink.kept()).isEqualTo(values(101, 108));
    assertThat(sink.calls()).isEqualTo(7);
  }

  @Test
  void aBadLastRowIsIsolated() throws SQLException {
    FakeSink sink = new FakeSink(Set.of(107L), "23514");
    assertThat(send(rows(8), sink, OnError.SKIP)).isEqualTo(7);
    assertThat(refused).containsExactly(107L);
    assertThat(sink.kept()).isEqualTo(values(100, 107));
    assertThat(sink.calls()).isEqualTo(7);
  }

  @Test
  void severalBadRowsAreIsolatedAndTheRestArriveInOrder() throws SQLException {
    Set<Long> bad = Set.of(100L, 137L, 138L, 199L);
    FakeSink sink = new FakeSink(bad, "23505");
    assertThat(send(rows(100), sink, OnError.SKIP)).isEqualTo(96);
    assertThat(refused).containsExactly(100L, 137L, 138L, 199L);
    assertThat(sink.kept()).isEqualTo(without(values(100, 200), bad));
  }

  /** Every node of the halving tree fails: 2n - 1 COPYs, every row refused. */
  @Test
  void aBatchOfOnlyBadRowsRefusesEveryRow() throws SQLException {
    Set<Long> bad = Set.copyOf(values(100, 108));
    FakeSink sink = new FakeSink(bad, "23514");
    assertThat(send(rows(8), sink, OnError.SKIP)).isZero();
    assertThat(refused).isEqualTo(values(100, 108));
    assertThat(sink.kept()).isEmpty();
    assertThat(sink.calls()).isEqualTo(15);
  }

  /** Each refused row is reported with the error of the COPY that held it alone. */
  @Test
  void eachRefusedRowCarriesItsOwnError() throws SQLException {
    FakeSink sink = new FakeSink(Set.of(103L, 105L), "23514");
    send(rows(10), sink, OnError.SKIP);
    assertThat(reasons).hasSize(2);
    assertThat(reasons.get(0).getMessage()).contains("value 103");
    assertThat(reasons.get(1).getMessage()).contains("value 105");
    assertThat(reasons).allSatisfy(e -> assertThat(e.getSQLState()).isEqualTo("23514"));
  }

  /** Class 22, a value the column refuses (bad text, out of range, too long), is a row's too. */
  @ParameterizedTest
  @ValueSource(strings = {"22P02", "22003", "22001", "22P05", "23502", "23503"})
  void dataExceptionsAndIntegrityViolationsAreBisected(String state) throws SQLException {
    FakeSink sink = new FakeSink(Set.of(104L), state);
    assertThat(send(rows(10), sink, OnError.SKIP)).isEqualTo(9);
    assertThat(refused).containsExactly(104L);
    assertThat(reasons.get(0).getSQLState()).isEqualTo(state);
  }

  /** A row dropped before sending (a value did not convert) takes no position in the batch. */
  @Test
  void rowsDroppedWhileEncodingAreNeitherSentNorCounted() throws SQLException {
    Batch b = rows(0);
    for (long v = 100; v < 110; v++) {
      b.startRow(1, v);
      if (v % 3 == 0) {
        b.dropRow();
      } else {
        b.buf.writeInt8(v);
        b.keepRow();
      }
    }
    FakeSink sink = new FakeSink(Set.of(104L), "23514");
    assertThat(b.rows()).isEqualTo(7);
    assertThat(send(b, sink, OnError.SKIP)).isEqualTo(6);
    assertThat(refused).containsExactly(104L);
    assertThat(sink.kept()).containsExactly(100L, 101L, 103L, 106L, 107L, 109L);
  }

  /** --on-error=abort: the first refused row stops the table, reported as the reason. */
  @Test
  void abortStopsAtTheFirstBadRow() {
    FakeSink sink = new FakeSink(Set.of(103L, 107L), "23514");
    Throwable thrown = catchThrowable(() -> send(rows(10), sink, OnError.ABORT));
    assertThat(thrown).isInstanceOf(BatchSender.AbortTable.class);
    SQLException abort = (SQLException) thrown;
    assertThat(abort.getSQLState()).isEqualTo("23514");
    assertThat(abort.getCause()).isSameAs(reasons.get(0));
    assertThat(abort.getMessage()).contains("value 103");
    assertThat(refused).containsExactly(103L);
    assertThat(sink.kept()).isEqualTo(values(100, 103));
  }

  @Test
  void abortWithoutBadRowsSendsTheWholeBatch() throws SQLException {
    FakeSink sink = new FakeSink(Set.of(), "23514");
    assertThat(send(rows(10), sink, OnError.ABORT)).isEqualTo(10);
    assertThat(sink.calls()).isEqualTo(1);
  }

  /** Not a row's: canceled, no privilege, lost connection, disk full, failed transaction. */
  @ParameterizedTest
  @ValueSource(strings = {"57014", "42501", "08006", "08003", "53100", "25P02", "XX000"})
  void otherErrorsPropagateUnchangedAndAreNotRetried(String state) {
    for (OnError onError : OnError.values()) {
      SQLException e = new SQLException("server said no", state);
      FakeSink sink = new FakeSink(Set.of(), "23514").failOnCall(1, e);
      assertThat(catchThrowable(() -> send(rows(10), sink, onError))).isSameAs(e);
      assertThat(sink.calls()).isEqualTo(1);
      assertThat(sink.kept()).isEmpty();
      assertThat(refused).isEmpty();
    }
  }

  @Test
  void anErrorWithoutSqlStateIsNotARowError() {
    SQLException e = new SQLException("no state");
    FakeSink sink = new FakeSink(Set.of(), "23514").failOnCall(1, e);
    assertThat(catchThrowable(() -> send(rows(4), sink, OnError.SKIP))).isSameAs(e);
    assertThat(sink.calls()).isEqualTo(1);
  }

  /** The connection drops while a refused batch is being split: the split stops there. */
  @Test
  void aLostConnectionDuringBisectionStopsIt() {
    SQLException lost = new SQLException("An I/O error occurred", "08006");
    FakeSink sink = new FakeSink(Set.of(105L), "23514").failOnCall(3, lost);
    assertThat(catchThrowable(() -> send(rows(16), sink, OnError.SKIP))).isSameAs(lost);
    assertThat(sink.calls()).isEqualTo(3);
    assertThat(refused).isEmpty();
    // [0,16) refused, then [0,8) refused, then [0,4) lost: nothing was kept.
    assertThat(sink.kept()).isEmpty();
  }
}
