package dev.sqlite2pg.framework;

import dev.sqlite2pg.Warning;
import java.util.List;
import java.util.Set;

/**
 * What the frameworks recognised in the source decide for a load into tables that exist.
 *
 * @param frameworks the frameworks recognised, in {@link Framework} order
 * @param histories migration-history tables compared by migration: not loaded, the target's rows
 *     kept
 * @param kept other bookkeeping tables whose target rows are kept (source table names)
 * @param seeded target tables the migrations seeded, to be emptied so that the source's rows load
 * @param notes what was recognised and decided, for the report
 */
public record Bookkeeping(
    List<Framework> frameworks,
    List<HistoryCheck> histories,
    List<String> kept,
    Set<String> seeded,
    List<Warning> notes) {

  public static final Bookkeeping NONE =
      new Bookkeeping(List.of(), List.of(), List.of(), Set.of(), List.of());

  /** Whether the source table is left out of the load, its target rows kept. */
  public boolean keeps(String sourceTable) {
    return kept.stream().anyMatch(sourceTable::equalsIgnoreCase)
        || histories.stream().anyMatch(h -> h.sourceTable().equalsIgnoreCase(sourceTable));
  }
}
