package archfixture.cycle.verify;

import archfixture.cycle.copy.Copier;

/** The other half of the fixture's cycle. */
public final class Checker {
  public boolean check() {
    return Copier.describe().equals("row");
  }
}
