package dev.sqlite2pg;

/**
 * How long one step of a run took.
 *
 * @param name the step's {@link ProgressListener.Step#label()}: snapshot, catalog, plan, framework,
 *     schema, copy, post_data, verify, report
 * @param seconds its wall-clock duration; post_data counts only what was left after the copy (a
 *     table's keys are built while the other tables still copy)
 */
public record StepTime(String name, double seconds) {}
