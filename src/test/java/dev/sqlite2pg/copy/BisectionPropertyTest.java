package dev.sqlite2pg.copy;

import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.ints;
import static dev.sqlite2pg.testing.Seeded.listOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sqlite2pg.OnError;
import dev.sqlite2pg.testing.Seeded.Gen;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Whatever rows of a batch an existing schema refuses (none, one, a few scattered, a dense run, all
 * of them), the bisection loses no good row, keeps no bad one, reports each bad row once, and costs
 * O(bad * log n) COPYs rather than one COPY per row.
 */
class BisectionPropertyTest {

  private static final int MAX_ROWS = 2000;

  /** A batch of {@code rows} rows, of which the positions in {@code bad} are refused. */
  private record Case(int rows, TreeSet<Integer> bad) {}

  private final Batch batch = new Batch();

  @Test
  void sentAndRefusedMakeTheBatch() {
    forAll("bisection.sentAndRefusedMakeTheBatch", 300, cases(), this::skipHolds);
  }

  @Test
  void abortRefusesOnlyTheFirstBadRow() {
    forAll("bisection.abortRefusesOnlyTheFirstBadRow", 300, cases(), this::abortHolds);
  }

  private void skipHolds(Case c) throws SQLException {
    FakeSink sink = new FakeSink(values(c.bad()), "23514");
    List<Integer> refused = new ArrayList<>();
    int sent = new BatchSender(sink, OnError.SKIP).send(fill(c.rows()), (i, e) -> refused.add(i));
    List<Integer> good =
        IntStream.range(0, c.rows()).filter(i -> !c.bad().contains(i)).boxed().toList();
    assertThat(sent).isEqualTo(good.size());
    assertThat(sent + refused.size()).isEqualTo(c.rows());
    assertThat(refused).containsExactlyElementsOf(c.bad());
    assertThat(sink.kept()).containsExactlyElementsOf(values(good));
    assertThat((long) sink.calls()).isLessThanOrEqualTo(maxCalls(c));
  }

  private void abortHolds(Case c) {
    FakeSink sink = new FakeSink(values(c.bad()), "23514");
    List<Integer> refused = new ArrayList<>();
    Throwable thrown =
        catchThrowable(
            () ->
                new BatchSender(sink, OnError.ABORT)
                    .send(fill(c.rows()), (i, e) -> refused.add(i)));
    if (c.bad().isEmpty()) {
      assertThat(thrown).isNull();
      assertThat(sink.kept()).hasSize(c.rows());
      return;
    }
    int first = c.bad().first();
    assertThat(thrown).isInstanceOf(BatchSender.AbortTable.class);
    assertThat(refused).containsExactly(first);
    // Halves are sent left first: every row before the first bad one was sent, none after.
    assertThat(sink.kept())
        .containsExactlyElementsOf(values(IntStream.range(0, first).boxed().toList()));
  }

  /**
   * Only halves holding a bad row fail, at most {@code bad} of them on each of the ceil(log2 n)
   * levels above the single rows, and each failure costs two COPYs.
   */
  private static long maxCalls(Case c) {
    if (c.rows() == 0) {
      return 0;
    }
    int levels = c.rows() == 1 ? 0 : 32 - Integer.numberOfLeadingZeros(c.rows() - 1);
    return 1 + 2L * c.bad().size() * levels;
  }

  /** Rows whose value is their position, so the fake refuses positions. */
  private Batch fill(int rows) {
    batch.clear();
    for (int i = 0; i < rows; i++) {
      FakeSink.addRow(batch, i);
    }
    return batch;
  }

  private static Set<Long> values(Set<Integer> positions) {
    return positions.stream().map(Integer::longValue).collect(Collectors.toSet());
  }

  private static List<Long> values(List<Integer> positions) {
    return positions.stream().map(Integer::longValue).toList();
  }

  /** Sizes biased to 0, 1, 2 and the maximum; bad rows scattered, dense, all or none. */
  private static Gen<Case> cases() {
    Gen<Integer> sizes = ints(0, MAX_ROWS);
    return r -> {
      int n = sizes.next(r);
      return new Case(n, n == 0 ? new TreeSet<>() : bad(r, n));
    };
  }

  private static TreeSet<Integer> bad(SplittableRandom r, int n) {
    return switch (r.nextInt(4)) {
      case 0 -> new TreeSet<>(listOf(ints(0, n - 1), 12).next(r));
      case 1 -> dense(r, n, r.nextDouble());
      case 2 -> dense(r, n, r.nextBoolean() ? 1.0 : 0.0);
      default -> new TreeSet<>(List.of(r.nextBoolean() ? 0 : n - 1));
    };
  }

  /** Each row bad with probability {@code p}. */
  private static TreeSet<Integer> dense(SplittableRandom r, int n, double p) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      if (r.nextDouble() < p) {
        out.add(i);
      }
    }
    return out;
  }
}
