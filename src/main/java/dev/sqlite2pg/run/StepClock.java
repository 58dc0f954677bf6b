package dev.sqlite2pg.run;

import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.ProgressListener.Step;
import dev.sqlite2pg.ProgressListener.StepStarted;
import dev.sqlite2pg.StepTime;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Times the steps of one run, in the order they ran, and tells the run's listener of each start and
 * end. One per run (a fleet's files each have their own); used by the thread that runs the steps.
 */
public final class StepClock {

  private final ProgressListener listener;
  private final List<StepTime> steps = new ArrayList<>();

  public StepClock(ProgressListener listener) {
    this.listener = listener;
  }

  /** The steps timed so far, in order. */
  public List<StepTime> steps() {
    return List.copyOf(steps);
  }

  /** Runs {@code body} as {@code step}, with no totals. */
  public <T> T time(Step step, Supplier<T> body) {
    return time(new StepStarted(step, 0, 0, 0, 0), body);
  }

  /** Runs {@code body} as the step {@code started} announces. */
  public <T> T time(StepStarted started, Supplier<T> body) {
    listener.stepStarted(started);
    long start = System.nanoTime();
    T result = body.get();
    finished(started.step(), start);
    return result;
  }

  /** As {@link #time(StepStarted, Supplier)} for a body with no result. */
  public void time(StepStarted started, Runnable body) {
    time(
        started,
        () -> {
          body.run();
          return null;
        });
  }

  private void finished(Step step, long start) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    steps.add(new StepTime(step.label(), took.toNanos() / 1e9));
    listener.stepFinished(new ProgressListener.StepFinished(step, took));
  }

  /** The catalog step over {@code file}, with its size (0 when it cannot be read). */
  public static StepStarted reading(java.nio.file.Path file) {
    long bytes;
    try {
      bytes = java.nio.file.Files.size(file);
    } catch (java.io.IOException e) {
      bytes = 0; // only a total shown to the user; the step itself says what is wrong
    }
    return new StepStarted(Step.CATALOG, 0, 0, bytes, 0);
  }

  /** {@code step} over every table of {@code plan}, with their rows as the catalog counted them. */
  public static StepStarted over(Step step, Plan plan) {
    return new StepStarted(
        step,
        plan.tables().size(),
        plan.tables().stream().mapToLong(TablePlan::sourceRows).sum(),
        0,
        0);
  }
}
