package dev.sqlite2pg.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChunkTest {

  @Test
  void denseRowidsSplitEvenly() {
    assertThat(Chunk.split(1, 2_000_000, 4)).extracting(Chunk::lo, Chunk::hi).containsExactly(
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

  /** Every rowid, the extremes included, falls in exactly one chunk, in order. */
  @Property
  void chunksCoverEveryRowidOnce(@ForAll long a, @ForAll long b, @ForAll @IntRange(min = 1,
      max = 64) int n) {
    long min = Math.min(a, b);
    long max = Math.max(a, b);
    List<Chunk> chunks = Chunk.split(min, max, n);
    assertThat(chunks.get(0).lo()).isEqualTo(Long.MIN_VALUE);
    assertThat(chunks.get(chunks.size() - 1).hi()).isEqualTo(Long.MAX_VALUE);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).lo()).isEqualTo(chunks.get(i - 1).hi() + 1);
      assertThat(chunks.get(i).hi()).isGreaterThanOrEqualTo(chunks.get(i).lo());
      assertThat(chunks.get(i).index()).isEqualTo(i + 1);
    }
  }
}
