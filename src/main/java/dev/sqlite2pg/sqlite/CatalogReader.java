package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Check;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.ForeignKey;
import dev.sqlite2pg.catalog.Index;
import dev.sqlite2pg.catalog.IndexColumn;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.catalog.SchemaObject.Kind;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.sql.SqlResources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * STEP 1: reads the source schema through SQLite's PRAGMAs and sqlite_schema. The PRAGMAs are
 * authoritative for what SQLite enforces; the CREATE statements add what they do not report (CHECK
 * constraints, collations, generated expressions, DEFERRABLE).
 */
public final class CatalogReader {

  /** Suffixes of the shadow tables FTS3/4/5 and R-Tree keep beside their virtual table. */
  private static final List<String> SHADOW_SUFFIXES =
      List.of(
          "_content",
          "_segments",
          "_segdir",
          "_docsize",
          "_stat",
          "_data",
          "_idx",
          "_config",
          "_node",
          "_parent",
          "_rowid");

  private final Connection c;
  private final List<String> problems = new ArrayList<>();

  public CatalogReader(Connection c) {
    this.c = c;
  }

  public Catalog read() throws SQLException {
    String encoding = pragmaText("PRAGMA encoding");
    Map<String, String[]> listed = tableList();
    Map<String, Long> sequences = sequences(listed.containsKey("sqlite_sequence"));
    List<SchemaObject> others = new ArrayList<>();
    List<Table> tables = new ArrayList<>();
    Set<String> virtualNames = new HashSet<>();
    List<String[]> objects = objects();
    for (String[] o : objects) {
      if ("table".equals(o[0]) && o[3] != null && isVirtual(o[3])) {
        virtualNames.add(o[1].toLowerCase(Locale.ROOT));
      }
    }
    for (String[] o : objects) {
      String type = o[0];
      String name = o[1];
      String sql = o[3];
      switch (type) {
        case "view" -> others.add(new SchemaObject(Kind.VIEW, name, o[2], sql, viewColumns(name)));
        case "trigger" -> others.add(new SchemaObject(Kind.TRIGGER, name, o[2], sql, List.of()));
        case "table" -> {
          Kind kind = classify(name, sql, listed.get(name), virtualNames);
          if (kind != null) {
            String owner = kind == Kind.SHADOW_TABLE ? shadowOwner(name, virtualNames) : o[2];
            others.add(new SchemaObject(kind, name, owner, sql == null ? "" : sql, List.of()));
          } else {
            String[] flags = listed.getOrDefault(name, new String[] {"table", "0", "0"});
            tables.add(readTable(name, sql, "1".equals(flags[1]), "1".equals(flags[2]), sequences));
          }
        }
        default -> {
          // Indexes are read per table through PRAGMA index_list.
        }
      }
    }
    return new Catalog(encoding, List.copyOf(tables), List.copyOf(others), List.copyOf(problems));
  }

  private static boolean isVirtual(String sql) {
    return sql.stripLeading().toUpperCase(Locale.ROOT).startsWith("CREATE VIRTUAL");
  }

  /** Null for an ordinary user table; otherwise what kind of table is left out, and why. */
  private static Kind classify(String name, String sql, String[] listed, Set<String> virtualNames) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sqlite_")) {
      return Kind.INTERNAL_TABLE;
    }
    if (sql != null && isVirtual(sql)) {
      return Kind.VIRTUAL_TABLE;
    }
    if (listed != null && "shadow".equals(listed[0])) {
      return Kind.SHADOW_TABLE;
    }
    for (String suffix : SHADOW_SUFFIXES) {
      if (lower.endsWith(suffix)
          && virtualNames.contains(lower.substring(0, lower.length() - suffix.length()))) {
        return Kind.SHADOW_TABLE;
      }
    }
    return null;
  }

  /** The virtual table a shadow table belongs to: notes_fts_data belongs to notes_fts. */
  private static String shadowOwner(String name, Set<String> virtualNames) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String suffix : SHADOW_SUFFIXES) {
      String base =
          lower.endsWith(suffix) ? lower.substring(0, lower.length() - suffix.length()) : "";
      if (virtualNames.contains(base)) {
        return name.substring(0, base.length());
      }
    }
    return name;
  }

  private Table readTable(
      String name, String sql, boolean withoutRowid, boolean strict, Map<String, Long> sequences)
      throws SQLException {
    List<Column> columns = columns(name);
    List<Column> pk = columns.stream().filter(col -> col.pkPosition() > 0).toList();
    Optional<String> rowidAlias = Optional.empty();
    if (!withoutRowid
        && pk.size() == 1
        && pk.get(0).declaredType().trim().equalsIgnoreCase("INTEGER")) {
      rowidAlias = Optional.of(pk.get(0).name());
    }
    Optional<Long> sequence = Optional.ofNullable(sequences.get(name.toLowerCase(Locale.ROOT)));
    Table read =
        new Table(
            name,
            sql == null ? "" : sql,
            withoutRowid,
            strict,
            columns,
            indexes(name),
            foreignKeys(name),
            List.<Check>of(),
            rowidAlias,
            sequence.isPresent(),
            sequence);
    return SqlDetails.enrich(read, problems);
  }

  /** What the CREATE statements could not tell (parse failures), for the plan's warnings. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** A view's column names; empty when SQLite cannot resolve it (a function it lacks). */
  private List<String> viewColumns(String view) {
    List<String> out = new ArrayList<>();
    try {
      forEach("sqlite-columns", view, rs -> out.add(rs.getString(2)));
    } catch (SQLException e) {
      return List.of();
    }
    return List.copyOf(out);
  }

  private List<Column> columns(String table) throws SQLException {
    List<Column> out = new ArrayList<>();
    forEach(
        "sqlite-columns",
        table,
        rs -> {
          int hidden = rs.getInt(7);
          Column.Generated gen =
              switch (hidden) {
                case 2 -> Column.Generated.VIRTUAL;
                case 3 -> Column.Generated.STORED;
                default -> Column.Generated.NONE;
              };
          if (hidden == 1) {
            // Hidden columns of virtual tables; ordinary tables have none.
            return;
          }
          out.add(
              new Column(
                  rs.getInt(1),
                  rs.getString(2),
                  nullToEmpty(rs.getString(3)),
                  rs.getInt(4) != 0,
                  Optional.ofNullable(rs.getString(5)),
                  rs.getInt(6),
                  gen,
                  Optional.empty(),
                  Optional.empty()));
        });
    return List.copyOf(out);
  }

  private List<Index> indexes(String table) throws SQLException {
    List<String[]> raw = new ArrayList<>();
    forEach(
        "sqlite-indexes",
        table,
        rs ->
            raw.add(
                new String[] {
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)
                }));
    List<Index> out = new ArrayList<>();
    for (String[] r : raw) {
      List<IndexColumn> cols = new ArrayList<>();
      forEach(
          "sqlite-index-columns",
          r[0],
          rs ->
              cols.add(
                  new IndexColumn(
                      Optional.ofNullable(rs.getInt(2) == -2 ? null : rs.getString(3)),
                      Optional.empty(),
                      rs.getInt(4) != 0,
                      Optional.ofNullable(rs.getString(5))
                          .filter(s -> !s.equalsIgnoreCase("BINARY")))));
      out.add(
          new Index(
              r[0],
              "1".equals(r[1]),
              r[2],
              List.copyOf(cols),
              Optional.empty(),
              Optional.ofNullable(r[4])));
    }
    return List.copyOf(out);
  }

  private List<ForeignKey> foreignKeys(String table) throws SQLException {
    Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
    forEach(
        "sqlite-foreign-keys",
        table,
        rs ->
            byId.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                .add(
                    new String[] {
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7)
                    }));
    List<ForeignKey> out = new ArrayList<>();
    byId.forEach(
        (id, rows) -> {
          List<String> from = rows.stream().map(r -> r[1]).toList();
          List<String> to = rows.stream().map(r -> r[2]).filter(s -> s != null).toList();
          String[] first = rows.get(0);
          out.add(
              new ForeignKey(
                  id,
                  first[0],
                  from,
                  to.size() == from.size() ? to : List.of(),
                  first[3],
                  first[4],
                  false,
                  false));
        });
    return List.copyOf(out);
  }

  private Map<String, String[]> tableList() throws SQLException {
    Map<String, String[]> out = new HashMap<>();
    SqliteSource.query(
        c,
        "sqlite-table-list",
        rs ->
            out.put(
                rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
    return out;
  }

  private List<String[]> objects() throws SQLException {
    List<String[]> out = new ArrayList<>();
    SqliteSource.query(
        c,
        "sqlite-objects",
        rs ->
            out.add(
                new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}));
    return out;
  }

  private Map<String, Long> sequences(boolean exists) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    if (exists) {
      SqliteSource.query(
          c,
          "sqlite-sequences",
          rs -> out.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2)));
    }
    return out;
  }

  private void forEach(String resource, String arg, SqliteSource.RowConsumer consumer)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlResources.load(resource))) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          consumer.accept(rs);
        }
      }
    }
  }

  private String pragmaText(String pragma) throws SQLException {
    try (var s = c.createStatement();
        ResultSet rs = s.executeQuery(pragma)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
