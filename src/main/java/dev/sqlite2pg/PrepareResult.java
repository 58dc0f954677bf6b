package dev.sqlite2pg;

import java.util.List;

/**
 * What {@link Preparation#run} found and did, step by step, in order.
 *
 * @param target the server, as the admin connection names it (password masked)
 * @param steps every step: changed, or already so
 * @param pgbouncer a PgBouncer configuration for the application's side, to adapt
 */
public record PrepareResult(String target, List<Step> steps, String pgbouncer) {

  public PrepareResult {
    steps = List.copyOf(steps);
  }

  /**
   * One step of the preparation.
   *
   * @param what the object and what it should be, e.g. "role app_owner (LOGIN)"
   * @param changed true when this run made it so, false when it already was
   * @param detail what the user should know about it (a role created without a password), or ""
   */
  public record Step(String what, boolean changed, String detail) {}

  /** How many steps this run changed. */
  public long changed() {
    return steps.stream().filter(Step::changed).count();
  }
}
