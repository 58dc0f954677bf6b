package dev.sqlite2pg.verify;

import dev.sqlite2pg.RowDifference;
import dev.sqlite2pg.plan.ColumnPlan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the rows that differ when a table's fingerprints differ, the way data-diff and
 * pg_comparator do: split the key range at the source's median key, fingerprint one half on both
 * sides (the other half is the whole minus it), and recurse only into halves that differ, until a
 * range is small enough to compare row by row. A handful of bad rows among millions costs a few
 * dozen range queries on an index, not a second full read.
 */
final class DiffLocator {

  /** Ranges with at most this many rows (both sides) are compared row by row. */
  static final int LEAF_ROWS = 256;

  private final SourceSide source;
  private final TargetSide target;
  private final List<ColumnPlan> columns;
  private final int keep;
  final List<RowDifference> kept = new ArrayList<>();
  long missing;
  long extra;
  long changed;

  DiffLocator(SourceSide source, TargetSide target, List<ColumnPlan> columns, int keep) {
    this.source = source;
    this.target = target;
    this.columns = columns;
    this.keep = keep;
  }

  void locate(KeyRange range, Fingerprint src, Fingerprint dst, int depth) throws SQLException {
    if (src.equals(dst)) {
      return;
    }
    if (src.count() + dst.count() <= LEAF_ROWS || src.count() < 2 || depth > 60) {
      compare(range);
      return;
    }
    Optional<List<Object>> split = source.keyAt(range, src.count() / 2);
    if (split.isEmpty()) {
      compare(range);
      return;
    }
    KeyRange left = range.below(split.get());
    Fingerprint srcLeft = source.fingerprint(left);
    Fingerprint dstLeft = target.fingerprint(left);
    locate(left, srcLeft, dstLeft, depth + 1);
    locate(range.from(split.get()), src.minus(srcLeft), dst.minus(dstLeft), depth + 1);
  }

  /** Row-by-row comparison of one small range, matched by key. */
  void compare(KeyRange range) throws SQLException {
    Map<String, Rows.Row> src = source.rows(range);
    Map<String, Rows.Row> dst = target.rows(range);
    for (Map.Entry<String, Rows.Row> e : src.entrySet()) {
      Rows.Row t = dst.get(e.getKey());
      if (t == null) {
        missing++;
        add(RowDifference.Kind.MISSING, e.getValue().label(), e.getValue(), null);
      } else if (!t.fields().equals(e.getValue().fields())) {
        changed++;
        add(RowDifference.Kind.CHANGED, e.getValue().label(), e.getValue(), t);
      }
    }
    for (Map.Entry<String, Rows.Row> e : dst.entrySet()) {
      if (!src.containsKey(e.getKey())) {
        extra++;
        add(RowDifference.Kind.EXTRA, e.getValue().label(), null, e.getValue());
      }
    }
  }

  void add(RowDifference.Kind kind, String key, Rows.Row src, Rows.Row dst) {
    if (kept.size() >= keep) {
      return;
    }
    List<String> names = new ArrayList<>();
    List<String> srcValues = new ArrayList<>();
    List<String> dstValues = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      boolean differs =
          src == null || dst == null || !src.fields().get(i).equals(dst.fields().get(i));
      if (differs) {
        names.add(columns.get(i).source().name());
        srcValues.add(src == null ? "" : src.display().get(i));
        dstValues.add(dst == null ? "" : dst.display().get(i));
      }
    }
    kept.add(new RowDifference(kind, key, names, srcValues, dstValues));
  }
}
