package archfixture.cycle.copy;

import archfixture.cycle.verify.Checker;

/** Deliberately wrong: copy and verify each use the other. */
public final class Copier {
  public boolean copy() {
    return new Checker().check();
  }

  public static String describe() {
    return "row";
  }
}
