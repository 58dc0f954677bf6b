package dev.sqlite2pg.copy;

import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.ints;
import static dev.sqlite2pg.testing.Seeded.longs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Seeded.Gen;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkTest {

  @Test
  void denseRowidsSplitEvenly() {
    assertThat(Chunk.split(1, 2_000_000, 4))
        .extracting(Chunk::lo, Chunk::hi)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Long.MIN_VALUE, 500_000L),
            org.assertj.core.groups.Tuple.tuple(500_001L, 1_000_000L),
            org.assertj.core.groups.Tuple.tuple(1_000_001L, 1_500_000L),
            org.assertj.core.groups.Tuple.tuple(1_500_001L, Long.MAX_VALUE));
  }

  @Test
  void oneRowOrOneChunkIsTheWholeTable() {
    assertThat(Chunk.split(7, 7, 4)).containsExactly(Chunk.ALL);
    assertThat(Chunk.split(1, 100, 1)).containsExactly(Chunk.ALL);
  }

  /** Two rowids (the table's smallest and largest, in either order) and a chunk count. */
  private record Split(long a, long b, int n) {}

  /** Every rowid, the extremes included, falls in exactly one chunk, in order. */
  @Test
  void chunksCoverEveryRowidOnce() {
    Gen<Long> rowids = longs();
    Gen<Integer> counts = ints(1, 64);
    forAll(
        "chunksCoverEveryRowidOnce",
        1000,
        r -> new Split(rowids.next(r), rowids.next(r), counts.next(r)),
        ChunkTest::coversEveryRowidOnce);
  }

  private static void coversEveryRowidOnce(Split s) {
    List<Chunk> chunks = Chunk.split(Math.min(s.a(), s.b()), Math.max(s.a(), s.b()), s.n());
    assertThat(chunks.get(0).lo()).isEqualTo(Long.MIN_VALUE);
    assertThat(chunks.get(chunks.size() - 1).hi()).isEqualTo(Long.MAX_VALUE);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).lo()).isEqualTo(chunks.get(i - 1).hi() + 1);
      assertThat(chunks.get(i).hi()).isGreaterThanOrEqualTo(chunks.get(i).lo());
      assertThat(chunks.get(i).index()).isEqualTo(i + 1);
    }
  }
}
