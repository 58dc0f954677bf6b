package dev.sqlite2pg.assess;

import dev.sqlite2pg.Finding;
import dev.sqlite2pg.MigrationLevel;
import java.util.ArrayList;
import java.util.List;

/** The findings of one assessment as they are collected, in the order they are found. */
final class Findings {

  /** How many examples a finding keeps. */
  static final int EXAMPLES = 3;

  private final List<Finding> all = new ArrayList<>();

  void add(Finding f) {
    all.add(f);
  }

  void add(
      String kind,
      String object,
      String hazard,
      MigrationLevel level,
      String reason,
      long count,
      List<String> examples,
      String sql) {
    all.add(
        new Finding(
            kind,
            object,
            hazard,
            level,
            reason,
            count,
            examples.subList(0, Math.min(EXAMPLES, examples.size())),
            sql));
  }

  /** Whether anything was found about {@code object} of {@code kind}. */
  boolean any(String kind, String object) {
    return all.stream().anyMatch(f -> f.kind().equals(kind) && f.object().equals(object));
  }

  List<Finding> list() {
    return List.copyOf(all);
  }
}
