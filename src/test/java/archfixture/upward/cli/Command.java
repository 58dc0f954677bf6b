package archfixture.upward.cli;

import archfixture.upward.plan.Planner;

/** Deliberately wrong: a command that uses an internal package instead of the root API. */
public final class Command {
  public String run() {
    return new Planner().plan();
  }
}
