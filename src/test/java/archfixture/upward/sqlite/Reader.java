package archfixture.upward.sqlite;

import archfixture.upward.plan.Planner;

/** Deliberately wrong: the SQLite reader asks the planner, a package above it. */
public final class Reader {
  public String read() {
    return new Planner().plan();
  }
}
