package dev.sqlite2pg.verify;

import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key that lets verification split a table into ranges: the primary key, when every key column
 * orders the same way on both sides (integers, or text compared bytewise).
 *
 * @param positions positions of the key columns among the verified columns
 * @param text whether each key column is text (else an integer)
 */
record TableKey(List<ColumnPlan> columns, List<Integer> positions, List<Boolean> text) {

  static Optional<TableKey> of(TablePlan t) {
    List<ColumnPlan> cols = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<Boolean> text = new ArrayList<>();
    List<ColumnPlan> all = t.columns();
    List<ColumnPlan> pk =
        all.stream()
            .filter(c -> c.source().pkPosition() > 0)
            .sorted(java.util.Comparator.comparingInt(c -> c.source().pkPosition()))
            .toList();
    for (ColumnPlan c : pk) {
      PgType.Kind k = c.type().kind();
      boolean isInt =
          k == PgType.Kind.BIGINT || k == PgType.Kind.INTEGER || k == PgType.Kind.SMALLINT;
      // citext orders by lower-cased text even under COLLATE "C": not bytewise, not a range key.
      if (!isInt && (k != PgType.Kind.TEXT || c.type().sql().equals("citext"))) {
        return Optional.empty();
      }
      cols.add(c);
      positions.add(all.indexOf(c));
      text.add(!isInt);
    }
    return cols.isEmpty()
        ? Optional.empty()
        : Optional.of(new TableKey(List.copyOf(cols), List.copyOf(positions), List.copyOf(text)));
  }

  /** "id=7" or "a=1, b='x'", from a row's display values. */
  String label(List<String> display) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      parts.add(columns.get(i).source().name() + "=" + display.get(positions.get(i)));
    }
    return String.join(", ", parts);
  }

  /** The key's canonical bytes, which match on both sides exactly when the keys are equal. */
  String match(List<String> fields) {
    return String.join("|", positions.stream().map(fields::get).toList());
  }
}
