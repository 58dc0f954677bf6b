package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Apply for a table without a key (image mode, design 3.2 and 3.4, 4.4 #10): its changes carry the
 * OLD and NEW rows whole, and PostgreSQL follows them as logical replication does with REPLICA
 * IDENTITY FULL: an OLD image deletes one row equal to it, a NEW image inserts one.
 *
 * <p>Played one event at a time that is a sequential scan of the table per event, so a {@code
 * DELETE FROM events} of 10,000 rows (every row fires the trigger, 4.4 #3) would scan it 10,000
 * times. Instead a batch is applied as a whole: on a multiset of rows the events' order does not
 * change the outcome (every OLD image the application's writer made was a row it had), only each
 * distinct row's count of NEW images minus OLD images does. So the images are staged by binary COPY
 * through the copy's own encoders into a temporary table with the target's column types (a value
 * matches exactly as the bulk copy converted it), counted per distinct row, and then one DELETE
 * removes that many equal rows and one INSERT adds that many copies. Rows are compared by their
 * record text, which every type has (json has no equality) and which tells NULL from ''. Cost per
 * batch: one sequential scan of the target table when the batch deletes or updates (a hash join of
 * each row's text against the batch's images), plus work in proportion to the images.
 */
final class ImageApply {

  private static final String STAGED = qualified("pg_temp", "sqlite2pg_images");
  private static final String NET = qualified("pg_temp", "sqlite2pg_net");
  private static final String SIGN = quote("sqlite2pg_sign");
  private static final String ROW = quote("sqlite2pg_r");
  private static final String COUNT = quote("sqlite2pg_n");

  private final String target;
  private final CaptureKey key;
  private final TablePlan plan;
  private final RowCopy rows;
  private final List<ColumnPlan> cols;
  private final List<List<String>> uniques;

  ImageApply(String schema, CaptureKey key, TablePlan plan, RowCopy rows) {
    this.target = qualified(schema, plan.target());
    this.key = key;
    this.plan = plan;
    this.rows = rows;
    this.cols = plan.copiedColumns();
    this.uniques = uniques(key, plan);
  }

  /** The source table's name. */
  String table() {
    return plan.source().name();
  }

  /**
   * Applies the images of the changes after {@code after} up to {@code upTo}, in the caller's
   * PostgreSQL transaction; returns how many images there were.
   */
  long apply(Connection sqlite, Connection pg, long after, long upTo) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE "
              + quote("sqlite2pg_images")
              + " ON COMMIT DROP AS SELECT "
              + list("", cols)
              + " FROM "
              + target
              + " WITH NO DATA");
      // The sign of each image comes from the column's default while its side is copied.
      s.execute("ALTER TABLE " + STAGED + " ADD COLUMN " + SIGN + " integer DEFAULT -1");
      long images = send(sqlite, pg, 0, after, upTo);
      s.execute("ALTER TABLE " + STAGED + " ALTER COLUMN " + SIGN + " SET DEFAULT 1");
      images += send(sqlite, pg, 1, after, upTo);
      if (images > 0) {
        play(s);
      }
      s.execute("DROP TABLE " + STAGED);
      return images;
    }
  }

  private long send(Connection sqlite, Connection pg, int side, long after, long upTo)
      throws SQLException {
    String select =
        "SELECT "
            + cols.stream()
                .map(c -> CaptureSql.imageColumn(key, c.source().name()))
                .collect(Collectors.joining(", "))
            + " FROM "
            + key.imageTable()
            + " WHERE side = ? AND change_id > ? AND change_id <= ?";
    return rows.send(
        sqlite,
        pg,
        select,
        new long[] {side, after, upTo},
        cols,
        RowCopy.copySql(STAGED, cols),
        plan.source().name());
  }

  /** The staged images counted per distinct row, then as many rows deleted or inserted. */
  private void play(Statement s) throws SQLException {
    s.execute(
        "CREATE TEMP TABLE "
            + quote("sqlite2pg_net")
            + " ON COMMIT DROP AS SELECT "
            + text("s.")
            + " AS "
            + ROW
            + ", sum(s."
            + SIGN
            + ") AS "
            + COUNT
            + " FROM "
            + STAGED
            + " s GROUP BY 1 HAVING sum(s."
            + SIGN
            + ") <> 0");
    s.execute("ANALYZE " + NET); // so the planner hashes a large batch's rows
    s.execute(
        "DELETE FROM "
            + target
            + " t USING (SELECT d.ctid FROM (SELECT x.ctid, n."
            + COUNT
            + ", row_number() OVER (PARTITION BY n."
            + ROW
            + ") AS k FROM "
            + target
            + " x JOIN "
            + NET
            + " n ON "
            + text("x.")
            + " = n."
            + ROW
            + " WHERE n."
            + COUNT
            + " < 0) d WHERE d.k <= -d."
            + COUNT
            + ") g WHERE t.ctid = g.ctid");
    for (List<String> unique : uniques) {
      s.execute(replacedDelete(unique));
    }
    s.execute(
        "INSERT INTO "
            + target
            + " ("
            + list("", cols)
            + ") OVERRIDING SYSTEM VALUE SELECT "
            + list("p.", cols)
            + " FROM (SELECT DISTINCT ON ("
            + text("s.")
            + ") "
            + list("s.", cols)
            + ", "
            + text("s.")
            + " AS "
            + ROW
            + " FROM "
            + STAGED
            + " s WHERE s."
            + SIGN
            + " = 1) p JOIN "
            + NET
            + " n ON n."
            + ROW
            + " = p."
            + ROW
            + " CROSS JOIN LATERAL generate_series(1, n."
            + COUNT
            + ") WHERE n."
            + COUNT
            + " > 0");
    s.execute("DROP TABLE " + NET);
  }

  /**
   * A REPLACE that deletes a conflicting row fires no delete trigger while recursive_triggers is
   * off (M2), so no OLD image says the row went. A row the batch adds and a row the target holds
   * that agree on a UNIQUE index's columns cannot both be in SQLite (NULLs never conflict, as with
   * {@code =}), so the held one is deleted before the insert, as REPLACE did.
   */
  private String replacedDelete(List<String> unique) {
    return "DELETE FROM "
        + target
        + " t USING "
        + STAGED
        + " s JOIN "
        + NET
        + " n ON n."
        + ROW
        + " = "
        + text("s.")
        + " AND n."
        + COUNT
        + " > 0 WHERE "
        + unique.stream()
            .map(c -> "t." + quote(c) + " = s." + quote(c))
            .collect(Collectors.joining(" AND "));
  }

  /**
   * The target columns of the table's UNIQUE indexes that REPLACE conflicts on as PostgreSQL
   * compares them: plain columns, whole index (not partial), binary collation, all copied. An index
   * with an expression, a partial one or a NOCASE one is left out (the conflict it causes is then
   * not followed; a keyless table with such an index is rare).
   */
  private static List<List<String>> uniques(CaptureKey key, TablePlan plan) {
    List<List<String>> out = new ArrayList<>();
    for (Index i : key.table().indexes()) {
      if (!i.unique() || i.isPartial()) {
        continue;
      }
      List<String> cols = new ArrayList<>();
      for (IndexColumn c : i.columns()) {
        Optional<ColumnPlan> p = c.column().flatMap(plan::column).filter(ColumnPlan::copied);
        if (p.isEmpty() || !binary(c.collation()) || !binary(p.get().source().collation())) {
          cols = null;
          break;
        }
        cols.add(p.get().target());
      }
      if (cols != null) {
        out.add(List.copyOf(cols));
      }
    }
    return out;
  }

  private static boolean binary(Optional<String> collation) {
    return collation.map(x -> x.toUpperCase(Locale.ROOT).equals("BINARY")).orElse(true);
  }

  /** A row's record text: exact for every type, NULL distinct from the empty string. */
  private String text(String prefix) {
    return "ROW(" + list(prefix, cols) + ")::text";
  }

  private static String list(String prefix, List<ColumnPlan> cols) {
    return cols.stream().map(c -> prefix + quote(c.target())).collect(Collectors.joining(", "));
  }
}
