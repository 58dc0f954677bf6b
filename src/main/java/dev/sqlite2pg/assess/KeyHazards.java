package dev.sqlite2pg.assess;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.MigrationLevel;
import dev.sqlite2pg.catalog.CollationKind;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.ForeignKey;
import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.catalog.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What PostgreSQL's keys will refuse that SQLite let in: NULLs in a primary key, child rows whose
 * parent is gone, values a case-insensitive UNIQUE holds apart in SQLite but not in PostgreSQL; and
 * tables with no key at all.
 */
final class KeyHazards {

  private final Connection c;
  private final Table t;
  private final Findings out;

  KeyHazards(Connection c, Table t, Findings out) {
    this.c = c;
    this.t = t;
    this.out = out;
  }

  void find() throws SQLException {
    noKey();
    nullsInKey();
    orphans();
    for (Index ix : t.indexes()) {
      if (ix.unique() && !ix.isPartial() && foldsCase(ix)) {
        caseInsensitiveDuplicates(ix);
      }
    }
  }

  /** Sync follows a keyless table by row images, and identical rows cannot be told apart. */
  private void noKey() {
    if (t.primaryKey().isEmpty()) {
      out.add(
          "table",
          t.name(),
          "no_key",
          MigrationLevel.WARNING,
          "no primary key: the PostgreSQL table gets none; identical rows cannot be told apart,"
              + " and sync follows the table by whole-row images, more slowly",
          0,
          List.of(),
          "");
    }
  }

  /**
   * SQLite lets NULL into a PRIMARY KEY of a rowid table (a bug it keeps for compatibility);
   * PostgreSQL's primary key refuses it, so the key cannot be created.
   */
  private void nullsInKey() throws SQLException {
    List<Column> pk = t.primaryKey();
    if (pk.isEmpty() || t.withoutRowid() || t.rowidAlias().isPresent()) {
      return;
    }
    String where =
        pk.stream().map(col -> quote(col.name()) + " IS NULL").collect(Collectors.joining(" OR "));
    List<String> examples = new ArrayList<>();
    long n = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT rowid FROM " + quote(t.name()) + " WHERE " + where)) {
      while (rs.next()) {
        n++;
        if (examples.size() < Findings.EXAMPLES) {
          examples.add("rowid " + rs.getLong(1));
        }
      }
    }
    if (n > 0) {
      out.add(
          "table",
          t.name(),
          "null_in_primary_key",
          MigrationLevel.DECISION,
          n
              + " rows have NULL in the primary key ("
              + pk.stream().map(Column::name).collect(Collectors.joining(", "))
              + "): PostgreSQL refuses the key; give them values or delete them first",
          n,
          examples,
          "");
    }
  }

  /** PRAGMA foreign_key_check: SQLite's own answer, whether or not foreign_keys was ever on. */
  private void orphans() {
    if (t.foreignKeys().isEmpty()) {
      return;
    }
    Map<Integer, List<Long>> byKey = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_key_check(" + quote(t.name()) + ")")) {
      while (rs.next()) {
        long rowid = rs.getLong(2);
        byKey.computeIfAbsent(rs.getInt(4), k -> new ArrayList<>()).add(rs.wasNull() ? 0 : rowid);
      }
    } catch (SQLException e) {
      // "foreign key mismatch": the parent has no unique key on the columns named.
      out.add(
          "foreign key",
          t.name(),
          "foreign_key_unchecked",
          MigrationLevel.DECISION,
          "SQLite could not check the foreign keys: "
              + e.getMessage()
              + "; PostgreSQL will refuse such a key too",
          0,
          List.of(),
          t.sql());
      return;
    }
    for (ForeignKey fk : t.foreignKeys()) {
      List<Long> rows = byKey.get(fk.id());
      if (rows != null) {
        orphaned(fk, rows);
      }
    }
  }

  private void orphaned(ForeignKey fk, List<Long> rows) {
    String name = t.name() + "(" + String.join(", ", fk.fromColumns()) + ") -> " + fk.toTable();
    out.add(
        "foreign key",
        name,
        "orphaned_rows",
        MigrationLevel.DECISION,
        rows.size()
            + " rows point at a "
            + fk.toTable()
            + " row that does not exist: the key is created NOT VALID; repair or delete them,"
            + " then ALTER TABLE ... VALIDATE CONSTRAINT",
        rows.size(),
        rows.stream().map(r -> "rowid " + r).toList(),
        "");
  }

  /** A unique key with a column compared without case (NOCASE, or the application's). */
  private static boolean foldsCase(Index ix) {
    return ix.columns().stream().anyMatch(ic -> ic.column().isPresent() && folded(ic));
  }

  private static boolean folded(IndexColumn ic) {
    String coll = ic.collation().orElse("BINARY");
    return coll.equalsIgnoreCase("NOCASE")
        || CollationKind.of(coll) == CollationKind.APPLICATION_CASE_INSENSITIVE;
  }

  /**
   * SQLite's NOCASE folds ASCII letters only, so 'Émile' and 'émile' are two keys there; the
   * migration's lower() (or ICU collation) folds every letter and finds them one, and the unique
   * index fails. Counted by folding as PostgreSQL will.
   */
  private void caseInsensitiveDuplicates(Index ix) throws SQLException {
    List<IndexColumn> cols = ix.columns();
    if (cols.stream().anyMatch(ic -> ic.column().isEmpty())) {
      return;
    }
    String select =
        cols.stream().map(ic -> quote(ic.column().get())).collect(Collectors.joining(", "));
    Map<List<Object>, List<String>> seen = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + select + " FROM " + quote(t.name()))) {
      while (rs.next()) {
        key(rs, cols)
            .ifPresent(
                k -> seen.computeIfAbsent(k.getKey(), x -> new ArrayList<>()).add(k.getValue()));
      }
    }
    List<List<String>> groups = seen.values().stream().filter(g -> g.size() > 1).toList();
    if (!groups.isEmpty()) {
      out.add(
          "index",
          ix.name(),
          "case_insensitive_duplicates",
          MigrationLevel.DECISION,
          groups.size()
              + " groups of values are distinct under SQLite's NOCASE (ASCII letters only) but"
              + " equal once PostgreSQL folds every letter: the unique index on "
              + t.name()
              + " fails; merge or rename them first",
          groups.size(),
          groups.stream().map(g -> String.join(" = ", g)).toList(),
          ix.sql().orElse(""));
    }
  }

  /** Blobs compared by content, integers whatever width the driver chose. */
  private static Object comparable(Object v) {
    if (v instanceof byte[] b) {
      return java.nio.ByteBuffer.wrap(b);
    }
    return v instanceof Integer i ? Long.valueOf(i) : v;
  }

  /** The key as PostgreSQL compares it, with the values as written; empty when a part is NULL. */
  private static java.util.Optional<Map.Entry<List<Object>, String>> key(
      ResultSet rs, List<IndexColumn> cols) throws SQLException {
    List<Object> key = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      Object v = rs.getObject(i + 1);
      if (v == null) {
        return java.util.Optional.empty(); // NULLs never collide in a UNIQUE
      }
      boolean fold = v instanceof String && folded(cols.get(i));
      key.add(fold ? ((String) v).toLowerCase(Locale.ROOT) : comparable(v));
      shown.add(v instanceof String str ? "'" + str + "'" : String.valueOf(v));
    }
    return java.util.Optional.of(Map.entry(key, String.join(", ", shown)));
  }
}
