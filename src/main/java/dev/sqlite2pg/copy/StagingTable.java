package dev.sqlite2pg.copy;

import static dev.sqlite2pg.sql.Identifiers.qualified;
import static dev.sqlite2pg.sql.Identifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A temporary table holding one table's source rows (or only their keys) inside one transaction, to
 * compare them with the rows the target table already holds: {@code --if-exists=skip-existing}
 * inserts from it the rows whose key the table lacks, {@code --if-exists=fail} counts the others.
 * It goes with its transaction (ON COMMIT DROP, or the rollback) and needs only the TEMP privilege,
 * which every role has by default. The match is a NOT EXISTS on the key columns, so the table needs
 * no unique constraint on them.
 */
public final class StagingTable {

  /** Where the COPY goes: pg_temp is the session's own temporary schema. */
  public static final String NAME = qualified("pg_temp", "sqlite2pg_staging");

  /** Each staged row's number, in COPY order: a refused INSERT is split by ranges of it. */
  private static final String ROW = quote("sqlite2pg_row");

  private final String table;
  private final List<String> columns;
  private final List<String> key;

  /**
   * @param columns the target's columns that are staged, as the COPY names them
   * @param key the target's columns that identify a row (a subset of {@code columns})
   */
  public StagingTable(String schema, String table, List<String> columns, List<String> key) {
    this.table = qualified(schema, table);
    this.columns = List.copyOf(columns);
    this.key = List.copyOf(key);
  }

  /**
   * Creates the staging table in the current transaction with the types of the target's columns, so
   * the COPY's binary values fit it as they fit the table. Not LIKE ... INCLUDING DEFAULTS: without
   * NOT NULL, CHECKs and defaults a row the table would refuse is refused by the INSERT, where it
   * can be isolated, and a serial column's default does not draw from the table's sequence for
   * every staged row.
   */
  public void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE "
              + quote("sqlite2pg_staging")
              + " ON COMMIT DROP AS SELECT "
              + list("", columns)
              + " FROM "
              + table
              + " WITH NO DATA");
      s.execute(
          "ALTER TABLE " + NAME + " ADD COLUMN " + ROW + " bigint GENERATED ALWAYS AS IDENTITY");
    }
  }

  /** The COPY that fills the staging table: the staged columns, binary. */
  public String copySql() {
    return "COPY " + NAME + " (" + list("", columns) + ") FROM STDIN (FORMAT binary)";
  }

  /** Row statistics, so that the planner sees a large staging table and hashes it. */
  public void analyze(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE " + NAME);
    }
  }

  /** An index on the staged row numbers, for reading ranges of them (see insertMissing). */
  public void indexRows(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE INDEX ON " + NAME + " (" + ROW + ")");
    }
  }

  /** The first and last staged row numbers; empty when nothing was staged. */
  public Optional<long[]> rowRange(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT min(" + ROW + "), max(" + ROW + ") FROM " + NAME)) {
      rs.next();
      long first = rs.getLong(1);
      return rs.wasNull() ? Optional.empty() : Optional.of(new long[] {first, rs.getLong(2)});
    }
  }

  /**
   * Inserts the staged rows numbered {@code from} to {@code to} whose key the table does not hold;
   * returns how many. OVERRIDING SYSTEM VALUE: an application's GENERATED ALWAYS identity key takes
   * the source's values, as the COPY of a new table does.
   */
  public long insertMissing(Connection c, long from, long to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " ("
                + list("", columns)
                + ") OVERRIDING SYSTEM VALUE SELECT "
                + list("s.", columns)
                + " FROM "
                + NAME
                + " s WHERE s."
                + ROW
                + " BETWEEN ? AND ? AND NOT "
                + inTable())) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      return ps.executeLargeUpdate();
    }
  }

  /** How many rows were staged. */
  public long count(Connection c) throws SQLException {
    return single(c, "SELECT count(*) FROM " + NAME);
  }

  /** How many rows the table holds. */
  public long tableRows(Connection c) throws SQLException {
    return single(c, "SELECT count(*) FROM " + table);
  }

  /**
   * How many staged rows have a key the table holds with other values. Compared as text: every type
   * has a text form, not every type an equality (json), and both sides are read in one session.
   */
  public long differing(Connection c) throws SQLException {
    String t =
        columns.stream().map(k -> "t." + quote(k) + "::text").collect(Collectors.joining(", "));
    String st =
        columns.stream().map(k -> "s." + quote(k) + "::text").collect(Collectors.joining(", "));
    return single(
        c,
        "SELECT count(*) FROM "
            + NAME
            + " s JOIN "
            + table
            + " t ON "
            + key.stream()
                .map(k -> "t." + quote(k) + " = s." + quote(k))
                .collect(Collectors.joining(" AND "))
            + " WHERE ROW("
            + t
            + ") IS DISTINCT FROM ROW("
            + st
            + ")");
  }

  /** How many staged rows have a key the table already holds. */
  public long present(Connection c) throws SQLException {
    return single(c, "SELECT count(*) FROM " + NAME + " s WHERE " + inTable());
  }

  /** The lowest {@code limit} keys (as text) of the staged rows the table already holds. */
  public List<List<String>> presentKeys(Connection c, int limit) throws SQLException {
    return keys(
        c,
        "SELECT "
            + keyText()
            + " FROM "
            + NAME
            + " s WHERE "
            + inTable()
            + " ORDER BY "
            + list("s.", key)
            + " LIMIT "
            + limit);
  }

  /** The key (as text) of staged row {@code row}. */
  public List<String> key(Connection c, long row) throws SQLException {
    List<List<String>> found =
        keys(c, "SELECT " + keyText() + " FROM " + NAME + " s WHERE s." + ROW + " = " + row);
    return found.isEmpty() ? List.of() : found.get(0);
  }

  private String inTable() {
    return "EXISTS (SELECT 1 FROM "
        + table
        + " t WHERE "
        + key.stream()
            .map(k -> "t." + quote(k) + " = s." + quote(k))
            .collect(Collectors.joining(" AND "))
        + ")";
  }

  private String keyText() {
    return key.stream().map(k -> "s." + quote(k) + "::text").collect(Collectors.joining(", "));
  }

  private static String list(String prefix, List<String> names) {
    return names.stream().map(n -> prefix + quote(n)).collect(Collectors.joining(", "));
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<List<String>> keys(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= key.size(); i++) {
          values.add(rs.getString(i));
        }
        out.add(values);
      }
    }
    return out;
  }
}
