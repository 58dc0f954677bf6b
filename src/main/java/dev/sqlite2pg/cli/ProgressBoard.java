package dev.sqlite2pg.cli;

import dev.sqlite2pg.ProgressListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the progress display shows, kept up to date from the run's worker threads with plain atomic
 * counters (one add per batch of rows, never per row); {@link #status()} reads them for a renderer.
 * The clock is given, so that tests script time instead of waiting for it.
 */
class ProgressBoard implements ProgressListener {

  private final LongSupplier nanos;
  private final long began;

  private volatile StepStarted step;
  private volatile long stepBegan;
  private volatile String current = "";

  private final AtomicLong rowsCopied = new AtomicLong();
  private final AtomicLong bytesCopied = new AtomicLong();
  private final AtomicInteger tablesCopied = new AtomicInteger();
  private final AtomicInteger objectsDone = new AtomicInteger();
  private final AtomicLong objectsAtStep = new AtomicLong();
  private final AtomicLong rowsChecked = new AtomicLong();
  private final AtomicInteger tablesChecked = new AtomicInteger();
  private final AtomicInteger filesStarted = new AtomicInteger();
  private final AtomicInteger filesDone = new AtomicInteger();
  private volatile int files;

  ProgressBoard(LongSupplier nanos) {
    this.nanos = nanos;
    this.began = nanos.getAsLong();
  }

  /** Where the run stands now. */
  ProgressText.Status status() {
    long now = nanos.getAsLong();
    StepStarted s = step;
    return new ProgressText.Status(
        s,
        s == null ? 0 : now - stepBegan,
        now - began,
        current,
        rowsCopied.get(),
        bytesCopied.get(),
        tablesCopied.get(),
        objectsDone.get(),
        objectsDone.get() - objectsAtStep.get(),
        rowsChecked.get(),
        tablesChecked.get(),
        files,
        filesStarted.get(),
        filesDone.get());
  }

  /** A step ended: for renderers that print a line then. */
  void stepEnded(StepFinished e) {}

  @Override
  public void stepStarted(StepStarted e) {
    stepBegan = nanos.getAsLong();
    objectsAtStep.set(objectsDone.get());
    current = "";
    step = e;
  }

  @Override
  public void stepFinished(StepFinished e) {
    stepEnded(e);
  }

  @Override
  public void rowsSent(RowsSent e) {
    rowsCopied.addAndGet(e.rows());
    bytesCopied.addAndGet(e.bytes());
  }

  @Override
  public void chunkCopied(ChunkCopied e) {
    if (e.resumed()) {
      rowsCopied.addAndGet(e.rows()); // committed by the earlier run: counted as done
    }
  }

  @Override
  public void tableCopied(TableCopied e) {
    tablesCopied.incrementAndGet();
  }

  @Override
  public void postData(PostDataObject e) {
    if (e.finished()) {
      objectsDone.incrementAndGet();
    } else {
      current = e.kind() + " " + e.name();
    }
  }

  @Override
  public void rowsChecked(RowsChecked e) {
    rowsChecked.addAndGet(e.rows());
  }

  @Override
  public void tableChecked(TableChecked e) {
    tablesChecked.incrementAndGet();
  }

  @Override
  public void fileStarted(FileStarted e) {
    files = e.files();
    filesStarted.incrementAndGet();
  }

  @Override
  public void fileFinished(FileFinished e) {
    files = e.files();
    filesDone.incrementAndGet();
  }
}
