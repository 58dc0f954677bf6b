package dev.sqlite2pg.verify;

import java.util.List;

/** Rows read for a close comparison, on either side. */
final class Rows {

  private Rows() {}

  /**
   * @param fields canonical text per column (what is compared)
   * @param display the value per column as a person reads it
   */
  record Row(List<String> fields, List<String> display, long hash1, long hash2) {}
}
