package dev.sqlite2pg.copy;

/**
 * A value did not convert in a table whose types were chosen optimistically (without reading every
 * value first): the table must be planned again with its values probed, recreated and copied again.
 * Its transaction has been rolled back.
 */
public final class NeedsProbe extends RuntimeException {

  public NeedsProbe(String table, String reason) {
    super(table + ": " + reason, null, false, false);
  }
}
