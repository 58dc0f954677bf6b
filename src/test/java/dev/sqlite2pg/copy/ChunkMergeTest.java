package dev.sqlite2pg.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.RejectedRow;
import dev.sqlite2pg.plan.TablePlan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A 20-million-row events table copied as four rowid chunks in parallel must be reported as one
 * table: its rows, bytes and rejected rows those of all four chunks, the rejected rows in chunk
 * order (so the reject file reads in rowid order), and a chunk that failed named in the table's
 * error while the chunks that committed keep their rows.
 */
class ChunkMergeTest {

  private static final TablePlan EVENTS = Plans.plan("events", "app_events", 20_000_000);

  private static RejectedRow rejected(long rowid) {
    return new RejectedRow("events", "rowid=" + rowid, "payload", "text", "x", "not JSON");
  }

  private static TableCopyResult chunk(
      long read, long copied, List<RejectedRow> rejected, long bytes, Optional<String> error) {
    return new TableCopyResult("events", "app_events", read, copied, rejected, bytes, 99.0, error);
  }

  @Test
  void countsAreSummedAndRejectedRowsKeptInChunkOrder() {
    List<TableCopyResult> chunks =
        List.of(
            chunk(5, 4, List.of(rejected(3)), 500, Optional.empty()),
            chunk(7, 7, List.of(), 700, Optional.empty()),
            chunk(11, 9, List.of(rejected(14), rejected(19)), 1100, Optional.empty()));
    TableCopyResult r = CopyScheduler.merge(EVENTS, chunks, 2.5);
    assertThat(r.sourceTable()).isEqualTo("events");
    assertThat(r.targetTable()).isEqualTo("app_events");
    assertThat(r.readRows()).isEqualTo(23);
    assertThat(r.copiedRows()).isEqualTo(20);
    assertThat(r.bytes()).isEqualTo(2300);
    assertThat(r.rejected())
        .extracting(RejectedRow::key)
        .containsExactly("rowid=3", "rowid=14", "rowid=19");
    assertThat(r.rejectedRows()).isEqualTo(3);
    assertThat(r.error()).isEmpty();
  }

  /** The table's time is the wall time of its parallel chunks, not the sum of theirs. */
  @Test
  void secondsAreTheGivenWallTime() {
    List<TableCopyResult> chunks =
        List.of(
            chunk(1, 1, List.of(), 10, Optional.empty()),
            chunk(1, 1, List.of(), 10, Optional.empty()));
    assertThat(CopyScheduler.merge(EVENTS, chunks, 2.5).seconds()).isEqualTo(2.5);
  }

  /** One failed chunk: the committed chunks' rows stay counted, and --resume is suggested. */
  @Test
  void aFailedChunkIsTheTablesErrorAndTheOthersKeepTheirRows() {
    List<TableCopyResult> chunks =
        List.of(
            chunk(5, 5, List.of(), 500, Optional.empty()),
            chunk(3, 0, List.of(), 300, Optional.of("copy of rowid 6..10 (chunk 2 of 3) failed")),
            chunk(4, 4, List.of(), 400, Optional.empty()));
    TableCopyResult r = CopyScheduler.merge(EVENTS, chunks, 1.0);
    assertThat(r.copiedRows()).isEqualTo(9);
    assertThat(r.readRows()).isEqualTo(12);
    assertThat(r.error())
        .hasValue(
            "copy of rowid 6..10 (chunk 2 of 3) failed;"
                + " the other chunks are committed, --resume copies only these");
  }

  /** The first error leads; every failed chunk is named, in chunk order. */
  @Test
  void everyChunksErrorIsKeptFirstOneFirst() {
    List<TableCopyResult> chunks =
        List.of(
            chunk(5, 0, List.of(), 0, Optional.of("chunk 1 of 3 failed")),
            chunk(5, 5, List.of(), 0, Optional.empty()),
            chunk(5, 0, List.of(rejected(12)), 0, Optional.of("chunk 3 of 3 failed")));
    TableCopyResult r = CopyScheduler.merge(EVENTS, chunks, 1.0);
    assertThat(r.error())
        .hasValue(
            "chunk 1 of 3 failed; chunk 3 of 3 failed;"
                + " the other chunks are committed, --resume copies only these");
    assertThat(r.copiedRows()).isEqualTo(5);
    assertThat(r.rejected()).extracting(RejectedRow::key).containsExactly("rowid=12");
  }

  @Test
  void theMergedRejectedListCannotBeChangedAfterwards() {
    TableCopyResult r =
        CopyScheduler.merge(
            EVENTS, List.of(chunk(1, 0, List.of(rejected(1)), 0, Optional.empty())), 0.1);
    assertThat(r.rejected()).isUnmodifiable();
  }
}
