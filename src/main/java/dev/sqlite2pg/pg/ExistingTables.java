package dev.sqlite2pg.pg;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables that already exist in a target schema: what an application's own migrations created,
 * read from the catalog. Names are matched as planned, else case-insensitively.
 */
public final class ExistingTables {

  /**
   * One column as the target has it.
   *
   * @param typeSql the type as format_type() gives it: a domain's or an enum's own name
   * @param domainBaseSql for a domain, its base type (format_type(), with the domain's typmod)
   * @param enumLabels for an enum (or a domain over one), its labels in their order; else empty
   * @param elementSql for an array (or a domain over one), its element type; else empty
   */
  public record Col(
      String name,
      String typeSql,
      boolean nullable,
      Optional<String> defaultSql,
      boolean identity,
      boolean generated,
      Optional<String> domainBaseSql,
      List<String> enumLabels,
      Optional<String> elementSql) {

    public Col {
      enumLabels = List.copyOf(enumLabels);
    }

    public Col(
        String name,
        String typeSql,
        boolean nullable,
        Optional<String> defaultSql,
        boolean identity,
        boolean generated) {
      this(
          name,
          typeSql,
          nullable,
          defaultSql,
          identity,
          generated,
          Optional.empty(),
          List.of(),
          Optional.empty());
    }

    /** The type the values are written as: a domain's base type, else the column's own. */
    public String baseSql() {
      return domainBaseSql.orElse(typeSql);
    }

    /** A serial column: its default draws from a sequence. */
    public boolean serial() {
      return defaultSql.map(d -> d.startsWith("nextval(")).orElse(false);
    }

    /** Whether a row may leave this column out. */
    public boolean optional() {
      return nullable || defaultSql.isPresent() || identity || generated;
    }
  }

  private final Map<String, List<Col>> tables = new LinkedHashMap<>();
  private final Map<String, Set<String>> parents = new HashMap<>();

  public static ExistingTables read(Connection c, String schema) throws SQLException {
    ExistingTables t = new ExistingTables();
    try (PreparedStatement ps = c.prepareStatement(SqlResources.load("pg-existing-columns"))) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          t.tables
              .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(
                  new Col(
                      rs.getString(2),
                      rs.getString(3),
                      rs.getBoolean(4),
                      Optional.ofNullable(rs.getString(5)),
                      rs.getBoolean(6),
                      rs.getBoolean(7),
                      Optional.ofNullable(rs.getString(8)),
                      labels(rs.getArray(9)),
                      Optional.ofNullable(rs.getString(10))));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(SqlResources.load("pg-existing-dependencies"))) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          t.parents.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    return t;
  }

  private static List<String> labels(java.sql.Array a) throws SQLException {
    return a == null ? List.of() : List.of((String[]) a.getArray());
  }

  public Set<String> names() {
    return tables.keySet();
  }

  /**
   * The table named {@code planned}, else one whose name equals {@code alternative} ignoring case.
   */
  public Optional<String> find(String planned, String alternative) {
    if (tables.containsKey(planned)) {
      return Optional.of(planned);
    }
    return tables.keySet().stream()
        .filter(n -> n.equalsIgnoreCase(alternative) || n.equalsIgnoreCase(planned))
        .findFirst();
  }

  public List<Col> columns(String table) {
    return tables.getOrDefault(table, List.of());
  }

  public Optional<Col> column(String table, String planned, String alternative) {
    List<Col> cols = columns(table);
    return cols.stream()
        .filter(c -> c.name().equals(planned))
        .findFirst()
        .or(
            () ->
                cols.stream()
                    .filter(
                        c ->
                            c.name().equalsIgnoreCase(alternative)
                                || c.name().equalsIgnoreCase(planned))
                    .findFirst());
  }

  /** The tables {@code table} references with foreign keys (its parents), self excluded. */
  public Set<String> parents(String table) {
    return parents.getOrDefault(table, Set.of());
  }
}
