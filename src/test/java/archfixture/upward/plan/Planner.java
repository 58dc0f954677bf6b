package archfixture.upward.plan;

/** The planner that the fixture's reader wrongly depends on. */
public final class Planner {
  public String plan() {
    return "bigint";
  }
}
