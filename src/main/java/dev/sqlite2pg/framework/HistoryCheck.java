package dev.sqlite2pg.framework;

import java.util.List;

/**
 * A migration-history table compared by migration: the migrations each side has applied.
 *
 * @param sourceRows the rows of the source's table (a migration applied twice is one migration)
 * @param targetRows the rows of the target's table
 */
public record HistoryCheck(
    Framework framework,
    String sourceTable,
    String targetTable,
    long sourceRows,
    long targetRows,
    List<String> source,
    List<String> target) {

  /** Applied on SQLite, not on PostgreSQL: the target's schema is behind the data. */
  public List<String> missingOnTarget() {
    return source.stream().filter(m -> !target.contains(m)).toList();
  }

  /** Applied on PostgreSQL only: reported, since the data may lack what they added. */
  public List<String> onlyOnTarget() {
    return target.stream().filter(m -> !source.contains(m)).toList();
  }

  /** One line for the report. */
  public String describe() {
    String ids = String.join(", ", framework.history().ids());
    String same =
        "compared by migration ("
            + ids
            + "), not by row: "
            + (source.size() - missingOnTarget().size())
            + " applied on both sides; PostgreSQL's rows kept";
    List<String> only = onlyOnTarget();
    return only.isEmpty() ? same : same + "; applied on PostgreSQL only: " + Migrations.shown(only);
  }
}
