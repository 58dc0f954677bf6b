package dev.sqlite2pg;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A total in the style of ora2pg's migration assessment: cost units per object kind and level, from
 * a rule printed with them ({@link #RULE}), so a reader can redo the sum.
 *
 * @param kinds one row per object kind (database objects by kind, then "code")
 * @param units the total
 * @param level the highest level of any finding: what the migration as a whole needs
 */
public record CostEstimate(List<Kind> kinds, double units, MigrationLevel level) {

  /** Minutes of a person's work per unit, as ora2pg counts them. */
  public static final int MINUTES_PER_UNIT = 5;

  /** The rule, as reports print it. */
  public static final String RULE =
      "units per finding: automatic 0, automatic with a warning 0.5, needs a decision 2, needs"
          + " rewriting 4 plus 1 per 10 lines of its SQL; one unit is about "
          + MINUTES_PER_UNIT
          + " minutes of a person's work (ora2pg's convention)";

  public CostEstimate {
    kinds = List.copyOf(kinds);
  }

  /**
   * One object kind's findings by level, and their units.
   *
   * @param findings how many findings of each level
   */
  public record Kind(String kind, Map<MigrationLevel, Integer> findings, double units) {
    public Kind {
      findings = Map.copyOf(findings);
    }

    public int count(MigrationLevel level) {
      return findings.getOrDefault(level, 0);
    }
  }

  /** The estimate of a database's findings and the code's. */
  public static CostEstimate of(List<Finding> database, List<CodeFinding> code) {
    Map<String, Map<MigrationLevel, Integer>> counts = new TreeMap<>();
    Map<String, Double> units = new TreeMap<>();
    MigrationLevel top = MigrationLevel.AUTOMATIC;
    for (Finding f : database) {
      add(counts, units, f.kind(), f.level(), units(f.level(), f.sql()));
      top = max(top, f.level());
    }
    for (CodeFinding f : code) {
      add(counts, units, "code", f.level(), units(f.level(), ""));
      top = max(top, f.level());
    }
    List<Kind> kinds = new ArrayList<>();
    counts.forEach((k, byLevel) -> kinds.add(new Kind(k, byLevel, units.get(k))));
    double total = units.values().stream().mapToDouble(Double::doubleValue).sum();
    return new CostEstimate(kinds, total, top);
  }

  /** The units of one finding, by {@link #RULE}. */
  public static double units(MigrationLevel level, String sql) {
    return switch (level) {
      case AUTOMATIC -> 0;
      case WARNING -> 0.5;
      case DECISION -> 2;
      case REWRITE -> 4 + sql.lines().count() / 10;
    };
  }

  /** The person-hours the units stand for. */
  public double hours() {
    return units * MINUTES_PER_UNIT / 60.0;
  }

  private static void add(
      Map<String, Map<MigrationLevel, Integer>> counts,
      Map<String, Double> units,
      String kind,
      MigrationLevel level,
      double u) {
    counts
        .computeIfAbsent(kind, k -> new EnumMap<>(MigrationLevel.class))
        .merge(level, 1, Integer::sum);
    units.merge(kind, u, Double::sum);
  }

  private static MigrationLevel max(MigrationLevel a, MigrationLevel b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
