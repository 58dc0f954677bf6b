package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.ProgressListener.Step;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The progress display from a scripted run: events and a clock the test moves, so that rates and
 * ETAs are exact without waiting (no timed assertions).
 */
class ProgressRenderTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void seconds(double s) {
    now.addAndGet((long) (s * 1e9));
  }

  /** A copy of 4,000,000 rows in two tables, half sent after 10 s. */
  private void halfTheCopy(ProgressListener l) {
    l.stepStarted(new ProgressListener.StepStarted(Step.COPY, 2, 4_000_000, 0, 0));
    seconds(10);
    l.rowsSent(new ProgressListener.RowsSent("orders", "rowid 1-500000", 1_500_000, 150_000_000));
    l.rowsSent(new ProgressListener.RowsSent("items", "", 500_000, 50_000_000));
    l.tableCopied(new ProgressListener.TableCopied("items", 500_000, true));
  }

  @Test
  void plainLinesSayStepPercentRateAndEta() {
    PlainProgress plain = new PlainProgress(out, now::get);
    plain.tick();
    halfTheCopy(plain);
    plain.tick();
    seconds(10);
    plain.rowsSent(new ProgressListener.RowsSent("orders", "rowid 500001-1000000", 2_000_000, 0));
    plain.stepFinished(new ProgressListener.StepFinished(Step.COPY, Duration.ofSeconds(20)));
    plain.stepStarted(new ProgressListener.StepStarted(Step.POST_DATA, 2, 0, 0, 4));
    plain.postData(
        new ProgressListener.PostDataObject("index", "orders_customer", "orders", false));
    seconds(2);
    plain.postData(new ProgressListener.PostDataObject("index", "orders_customer", "orders", true));
    plain.tick();
    assertThat(printed().lines())
        .containsExactly(
            "progress: starting",
            "progress: copy  50%  2,000,000/4,000,000 rows  200,000 rows/s  200.0 MB  1/2 tables"
                + "  ETA 10 s",
            "progress: copy finished in 20.0 s (4,000,000 rows, 200.0 MB, 200,000 rows/s)",
            "progress: post_data  25%  1/4 objects  index orders_customer  ETA 6 s");
    assertThat(printed()).doesNotContain("\r").doesNotContain("\u001b");
  }

  @Test
  void verifyCountsRowsChecked() {
    PlainProgress plain = new PlainProgress(out, now::get);
    plain.stepStarted(new ProgressListener.StepStarted(Step.VERIFY, 4, 1_000_000, 0, 0));
    seconds(4);
    plain.rowsChecked(new ProgressListener.RowsChecked("orders", 65_536));
    plain.rowsChecked(new ProgressListener.RowsChecked("orders", 134_464));
    plain.tableChecked(new ProgressListener.TableChecked("orders", 200_000, true));
    plain.tick();
    assertThat(printed())
        .isEqualTo(
            "progress: verify  20%  200,000/1,000,000 rows checked  50,000 rows/s  1/4 tables"
                + "  ETA 16 s"
                + System.lineSeparator());
  }

  @Test
  void aFleetCountsFiles() {
    PlainProgress plain = new PlainProgress(out, now::get);
    plain.fileStarted(new ProgressListener.FileStarted(Path.of("a.db"), 1, 4));
    plain.fileStarted(new ProgressListener.FileStarted(Path.of("b.db"), 2, 4));
    plain.stepStarted(new ProgressListener.StepStarted(Step.COPY, 2, 100, 0, 0));
    plain.rowsSent(new ProgressListener.RowsSent("t", "", 100, 1000));
    seconds(5);
    plain.stepFinished(new ProgressListener.StepFinished(Step.COPY, Duration.ofSeconds(1)));
    plain.fileFinished(new ProgressListener.FileFinished(Path.of("a.db"), 4, 0));
    plain.tick();
    assertThat(printed())
        .as("no per-step lines in a fleet, one line of files")
        .isEqualTo(
            "progress: 25%  1/4 files (1 running)  100 rows copied  20 rows/s  ETA 15 s"
                + System.lineSeparator());
  }

  @Test
  void theStatusLineIsRedrawnInPlaceAndCutToTheWidth() {
    StatusLine line = new StatusLine(out, () -> 40, now::get);
    halfTheCopy(line);
    line.tick();
    seconds(1);
    line.tick();
    String s = printed();
    assertThat(s).doesNotContain("\n");
    String[] draws = s.split("\r", -1);
    assertThat(draws).hasSize(3); // "", then two draws, each from the line's start
    assertThat(draws[1]).isEqualTo("copy  50%  2,000,000/4,000,000 rows  20" + "\u001b[K");
    assertThat(draws[1].length() - "\u001b[K".length()).isEqualTo(39);
    assertThat(draws[2]).startsWith("copy  50%  2,000,000/4,000,000 rows  18");
  }

  @Test
  void anotherLineOnStderrErasesTheStatusLineFirst() {
    StatusLine line = new StatusLine(out, () -> 200, now::get);
    halfTheCopy(line);
    line.tick();
    PrintStream guarded = line.guard();
    guarded.println("WARN orders: a warning");
    line.tick();
    line.clear();
    String s = printed();
    int warn = s.indexOf("WARN orders");
    assertThat(s.substring(0, warn)).endsWith("\r\u001b[K");
    assertThat(s.substring(warn)).startsWith("WARN orders: a warning" + System.lineSeparator());
    assertThat(s.substring(warn)).contains("\rcopy  50%").endsWith("\r\u001b[K");
  }

  @Test
  void quietSilencesAutoButNotAnExplicitMode() {
    ProgressOption o = new ProgressOption();
    assertThat(o.resolve(false, () -> true)).isEqualTo(ProgressOption.Mode.TTY);
    assertThat(o.resolve(false, () -> false)).isEqualTo(ProgressOption.Mode.PLAIN);
    assertThat(o.resolve(true, () -> true)).isEqualTo(ProgressOption.Mode.NONE);
    o.mode = ProgressOption.Mode.PLAIN;
    assertThat(o.resolve(true, () -> true)).isEqualTo(ProgressOption.Mode.PLAIN);
    o.off = true;
    assertThat(o.resolve(false, () -> true)).isEqualTo(ProgressOption.Mode.NONE);
  }

  @Test
  void etaAndDurationsReadAsAPersonWouldSayThem() {
    assertThat(ProgressText.eta(0, 100, 0, 1_000_000_000L)).isEqualTo("ETA --");
    assertThat(ProgressText.duration(59)).isEqualTo("59 s");
    assertThat(ProgressText.duration(65)).isEqualTo("1 min 05 s");
    assertThat(ProgressText.duration(3725)).isEqualTo("1 h 02 min");
    assertThat(ProgressText.percent(150, 100)).isEqualTo("100%");
  }
}
