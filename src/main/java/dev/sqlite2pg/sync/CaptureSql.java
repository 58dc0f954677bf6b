package dev.sqlite2pg.sync;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.sql.SqlResources;
import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.SqlTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The capture DDL for the application's SQLite file (design 3.2). Trigger bodies use only core SQL
 * that any application's SQLite parses: no JSON functions, row values, RETURNING, unixepoch() or
 * functions an extension defines (cr-sqlite #423 is what happens otherwise).
 */
final class CaptureSql {

  /** The changelog's operations. */
  static final int INSERT = 1;

  static final int UPDATE = 2;
  static final int DELETE = 3;

  /** A row an INSERT or UPDATE OR REPLACE may delete: its delete trigger would not fire (M2). */
  static final int REPLACED = 4;

  /** The kinds of trigger capture names {@code sqlite2pg_<kind>_<n>}. */
  static final List<String> KINDS = List.of("ai", "au", "ad", "bi", "bu");

  /** Unix milliseconds from the writer's clock, for lag. */
  private static final String NOW = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

  private CaptureSql() {}

  /** The changelog and its companion tables, with {@code width} key columns. */
  static List<String> tables(int width, boolean autoincrement) {
    String ddl =
        SqlResources.load("sqlite-capture-tables")
            .replace(
                "{id}", autoincrement ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "INTEGER PRIMARY KEY")
            .replace("{keys}", keyColumns(width));
    List<String> out = new ArrayList<>();
    for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
      if (!statement.isBlank()) {
        out.add(statement.strip());
      }
    }
    return out;
  }

  static String keyColumns(int width) {
    return IntStream.rangeClosed(1, width).mapToObj(i -> "k" + i).collect(Collectors.joining(", "));
  }

  /** The triggers of one captured table, by its key or, without one, by row images. */
  static List<String> triggers(CaptureKey key) {
    if (key.image()) {
      return imageTriggers(key);
    }
    List<String> out = new ArrayList<>();
    String t = quote(key.table().name());
    int n = key.number();
    out.add(
        "CREATE TRIGGER "
            + name("ai", n)
            + " AFTER INSERT ON "
            + t
            + " BEGIN "
            + change(key, INSERT, "NEW")
            + "; END");
    out.add(
        "CREATE TRIGGER "
            + name("au", n)
            + " AFTER UPDATE ON "
            + t
            + " BEGIN "
            + change(key, UPDATE, "NEW")
            + "; "
            + change(key, DELETE, "OLD")
            + " WHERE NOT ("
            + same(key, "OLD.", "NEW.")
            + "); END");
    out.add(
        "CREATE TRIGGER "
            + name("ad", n)
            + " AFTER DELETE ON "
            + t
            + " BEGIN "
            + change(key, DELETE, "OLD")
            + "; END");
    List<String> conflicts = conflicts(key);
    if (!conflicts.isEmpty()) {
      // One lookup per UNIQUE constraint rather than one OR of them: SQLite 3.54 scans the whole
      // table for an OR whose terms carry an explicit COLLATE (the NOCASE email of bench/sync.sh:
      // every write to a 100,000-row table read all of it); each lookup alone uses its index. A
      // key reported twice is harmless (state-based apply).
      out.add(
          "CREATE TRIGGER "
              + name("bi", n)
              + " BEFORE INSERT ON "
              + t
              + " BEGIN "
              + conflicts.stream()
                  .map(c -> replaced(key) + " WHERE " + c + "; ")
                  .collect(Collectors.joining())
              + "END");
      out.add(
          "CREATE TRIGGER "
              + name("bu", n)
              + " BEFORE UPDATE ON "
              + t
              + " BEGIN "
              + conflicts.stream()
                  .map(
                      c ->
                          replaced(key)
                              + " WHERE "
                              + c
                              + " AND NOT ("
                              + same(key, "", "OLD.")
                              + "); ")
                  .collect(Collectors.joining())
              + "END");
    }
    return out;
  }

  /**
   * The image table of a table without a key: the changelog row's id, the side (0 the OLD row, 1
   * the NEW one) and one column per table column, generated ones included (the plan decides which
   * the copy sends). No declared types, so each value keeps its storage class, and no constraints
   * (M14). The index keeps apply's read of a batch's images from scanning the whole table after a
   * long copy.
   */
  static List<String> imageTable(CaptureKey key) {
    String img = key.imageTable();
    return List.of(
        "CREATE TABLE " + img + " (change_id, side, " + imageColumns(key) + ")",
        "CREATE INDEX " + img + "_change ON " + img + " (change_id)");
  }

  /** The image table's value columns, c1 to cN, in the table's column order. */
  static String imageColumns(CaptureKey key) {
    return IntStream.rangeClosed(1, key.table().columns().size())
        .mapToObj(i -> "c" + i)
        .collect(Collectors.joining(", "));
  }

  /** The image table's column that holds {@code column}'s values. */
  static String imageColumn(CaptureKey key, String column) {
    List<Column> cols = key.table().columns();
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equalsIgnoreCase(column)) {
        return "c" + (i + 1);
      }
    }
    throw new IllegalArgumentException(column + " is not a column of " + key.table().name());
  }

  /**
   * Image mode (design 3.2, 4.4 #10): each trigger writes its changelog row, then copies the OLD
   * and/or NEW row into the image table under that row's id. The id is read back as max(id) in the
   * same trigger body, not last_insert_rowid(), which nested triggers make unreliable: the writer
   * holds the write lock, so the row just inserted is the highest.
   */
  private static List<String> imageTriggers(CaptureKey key) {
    String t = quote(key.table().name());
    int n = key.number();
    return List.of(
        "CREATE TRIGGER "
            + name("ai", n)
            + " AFTER INSERT ON "
            + t
            + " BEGIN "
            + imageChange(n, INSERT)
            + "; "
            + image(key, 1, "NEW")
            + "; END",
        "CREATE TRIGGER "
            + name("au", n)
            + " AFTER UPDATE ON "
            + t
            + " BEGIN "
            + imageChange(n, UPDATE)
            + "; "
            + image(key, 0, "OLD")
            + "; "
            + image(key, 1, "NEW")
            + "; END",
        "CREATE TRIGGER "
            + name("ad", n)
            + " AFTER DELETE ON "
            + t
            + " BEGIN "
            + imageChange(n, DELETE)
            + "; "
            + image(key, 0, "OLD")
            + "; END");
  }

  private static String imageChange(int n, int op) {
    return "INSERT INTO sqlite2pg_changes (tbl, op, ts) SELECT " + n + ", " + op + ", " + NOW;
  }

  private static String image(CaptureKey key, int side, String row) {
    return "INSERT INTO "
        + key.imageTable()
        + " (change_id, side, "
        + imageColumns(key)
        + ") SELECT (SELECT max(id) FROM sqlite2pg_changes), "
        + side
        + ", "
        + key.table().columns().stream()
            .map(c -> row + "." + quote(c.name()))
            .collect(Collectors.joining(", "));
  }

  static String name(String kind, int n) {
    return "sqlite2pg_" + kind + "_" + n;
  }

  /** INSERT INTO the changelog of one key, read from NEW or OLD. */
  private static String change(CaptureKey key, int op, String row) {
    return "INSERT INTO sqlite2pg_changes (tbl, op, "
        + keyColumns(key.columns().size())
        + ", ts) SELECT "
        + key.number()
        + ", "
        + op
        + ", "
        + key.columns().stream().map(c -> row + "." + quote(c)).collect(Collectors.joining(", "))
        + ", "
        + NOW;
  }

  /** The keys of the table's rows an INSERT or UPDATE of NEW would replace. */
  private static String replaced(CaptureKey key) {
    return "INSERT INTO sqlite2pg_changes (tbl, op, "
        + keyColumns(key.columns().size())
        + ", ts) SELECT "
        + key.number()
        + ", "
        + REPLACED
        + ", "
        + key.columns().stream().map(c -> quote(c)).collect(Collectors.joining(", "))
        + ", "
        + NOW
        + " FROM "
        + quote(key.table().name());
  }

  /** Every key column of one side IS the other's (IS: NULLs in a rowid table's key, 4.4 #16). */
  private static String same(CaptureKey key, String a, String b) {
    return key.columns().stream()
        .map(c -> a + quote(c) + " IS " + b + quote(c))
        .collect(Collectors.joining(" AND "));
  }

  /**
   * One condition per UNIQUE constraint or index (the key's own included): a row that matches NEW
   * on all its columns is one a REPLACE conflict deletes. Expression indexes compare their
   * expression; partial indexes are taken whole (over-reporting a key is harmless, under-reporting
   * is not).
   */
  private static List<String> conflicts(CaptureKey key) {
    List<String> out = new ArrayList<>();
    for (Index i : key.table().indexes()) {
      if (i.unique() && !isKey(key, i)) {
        out.add(
            "("
                + i.columns().stream()
                    .map(c -> matches(key, c))
                    .collect(Collectors.joining(" AND "))
                + ")");
      }
    }
    if (!out.isEmpty()) {
      out.add(0, "(" + same(key, "", "NEW.") + ")");
    }
    return out;
  }

  private static boolean isKey(CaptureKey key, Index i) {
    List<String> cols =
        i.columns().stream().map(c -> c.column().orElse("").toLowerCase(Locale.ROOT)).toList();
    return cols.equals(key.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
  }

  private static String matches(CaptureKey key, IndexColumn c) {
    String collate = c.collation().map(x -> " COLLATE " + x).orElse("");
    if (c.column().isPresent()) {
      return quote(c.column().get()) + collate + " = NEW." + quote(c.column().get());
    }
    String e = c.expressionSql().orElseThrow();
    return "(" + e + ")" + collate + " = (" + newSide(key, e) + ")";
  }

  /**
   * An index expression read from NEW: each name in it that is one of the table's columns (and not
   * a function's name, followed by a parenthesis) is qualified with NEW.
   */
  private static String newSide(CaptureKey key, String expression) {
    List<SqlToken> tokens = SqlTokenizer.tokenize(expression);
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken t = tokens.get(i);
      boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isOperator("(");
      boolean qualified = i > 0 && tokens.get(i - 1).isOperator(".");
      if (t.isName() && !call && !qualified && key.table().column(t.value()).isPresent()) {
        out.append(expression, at, t.start()).append("NEW.").append(quote(t.value()));
        at = t.end();
      }
    }
    return out.append(expression.substring(at)).toString();
  }
}
