package dev.sqlite2pg.plan;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.convert.PgType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The mapping file ({@code --config sqlite2pg.yaml}): groups of tables an application migrates
 * together ("stores", chosen with {@code --only}), per-table target names, per-column renames,
 * casts and exclusions, and tables to leave out. Every name is checked against the source; an
 * unknown one is an error that suggests the closest name.
 *
 * <pre>
 * groups:
 *   consensus: [consensus, dissent, verified_proofs]
 * tables:
 *   critiques:
 *     target: critique_log
 *     columns:
 *       severity: {target: severity_score, cast: double precision}
 *     exclude_columns: [legacy_flag]
 * exclude: [tmp_*]
 * </pre>
 */
public record MappingConfig(
    Map<String, List<String>> groups, Map<String, TableRule> tables, List<String> exclude) {

  /** What the file says about one source table. */
  public record TableRule(
      Optional<String> target, Map<String, ColumnRule> columns, List<String> excludeColumns) {}

  /** What the file says about one source column; a cast may be "interval:microseconds". */
  public record ColumnRule(Optional<String> target, Optional<Cast.Target> castTarget) {

    public Optional<PgType> cast() {
      return castTarget.map(Cast.Target::type);
    }
  }

  public static final MappingConfig EMPTY = new MappingConfig(Map.of(), Map.of(), List.of());

  private static final List<String> TOP = List.of("groups", "tables", "exclude");
  private static final List<String> TABLE_KEYS = List.of("target", "columns", "exclude_columns");
  private static final List<String> COLUMN_KEYS = List.of("target", "cast");

  public static MappingConfig load(Path file) {
    Object root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (IOException e) {
      throw bad(file, "cannot be read: " + e.getMessage());
    } catch (YAMLException e) {
      throw bad(file, "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null) {
      return EMPTY;
    }
    Map<String, Object> top = map(file, root, "the file");
    keys(file, top, TOP, "top-level key");
    Map<String, List<String>> groups = new LinkedHashMap<>();
    map(file, top.getOrDefault("groups", Map.of()), "groups")
        .forEach((g, v) -> groups.put(g, strings(file, v, "group " + g)));
    Map<String, TableRule> tables = new LinkedHashMap<>();
    map(file, top.getOrDefault("tables", Map.of()), "tables")
        .forEach((t, v) -> tables.put(t, table(file, t, v)));
    return new MappingConfig(
        groups, tables, strings(file, top.getOrDefault("exclude", List.of()), "exclude"));
  }

  private static TableRule table(Path file, String name, Object v) {
    Map<String, Object> m = map(file, v == null ? Map.of() : v, "table " + name);
    keys(file, m, TABLE_KEYS, "key of table " + name);
    Map<String, ColumnRule> cols = new LinkedHashMap<>();
    map(file, m.getOrDefault("columns", Map.of()), "columns of " + name)
        .forEach(
            (c, cv) -> {
              Map<String, Object> cm =
                  map(file, cv == null ? Map.of() : cv, "column " + name + "." + c);
              keys(file, cm, COLUMN_KEYS, "key of column " + name + "." + c);
              cols.put(
                  c,
                  new ColumnRule(
                      Optional.ofNullable(cm.get("target")).map(String::valueOf),
                      Optional.ofNullable(cm.get("cast"))
                          .map(x -> Cast.Target.parse(String.valueOf(x)))));
            });
    return new TableRule(
        Optional.ofNullable(m.get("target")).map(String::valueOf),
        cols,
        strings(file, m.getOrDefault("exclude_columns", List.of()), "exclude_columns of " + name));
  }

  /**
   * Checks every table and column name against the source, and {@code only} against the groups;
   * returns the source tables the chosen groups name (empty when no group is chosen).
   */
  public List<String> check(
      Collection<String> sourceTables,
      java.util.function.Function<String, Collection<String>> columnsOf,
      List<String> only) {
    List<String> errors = new ArrayList<>();
    List<String> all = new ArrayList<>(sourceTables);
    groups.forEach(
        (g, ts) -> ts.forEach(t -> known(all, t, "table " + t + " in group " + g, errors)));
    tables.forEach(
        (t, rule) -> {
          if (known(all, t, "table " + t, errors)) {
            List<String> cols = new ArrayList<>(columnsOf.apply(canonical(all, t)));
            rule.columns().keySet().forEach(c -> known(cols, c, "column " + t + "." + c, errors));
            rule.excludeColumns().forEach(c -> known(cols, c, "column " + t + "." + c, errors));
          }
        });
    List<String> chosen = new ArrayList<>();
    for (String g : only) {
      if (!groups.containsKey(g)) {
        errors.add("--only " + g + ": no such group" + closest(groups.keySet(), g));
      } else {
        groups.get(g).forEach(t -> chosen.add(canonical(all, t)));
      }
    }
    if (!errors.isEmpty()) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "the mapping file names what the source"
              + " does not have: "
              + String.join("; ", errors));
    }
    return chosen;
  }

  public Optional<TableRule> rule(String sourceTable) {
    return tables.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(sourceTable))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  public boolean excludesColumn(String table, String column) {
    return rule(table)
        .map(r -> r.excludeColumns().stream().anyMatch(column::equalsIgnoreCase))
        .orElse(false);
  }

  public Optional<ColumnRule> column(String table, String column) {
    return rule(table)
        .flatMap(
            r ->
                r.columns().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(column))
                    .map(Map.Entry::getValue)
                    .findFirst());
  }

  private static boolean known(List<String> names, String name, String what, List<String> errors) {
    if (names.stream().anyMatch(name::equalsIgnoreCase)) {
      return true;
    }
    errors.add(what + " does not exist" + closest(names, name));
    return false;
  }

  private static String canonical(List<String> names, String name) {
    return names.stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
  }

  /** ", did you mean X?" for the name at the smallest edit distance, if any is close. */
  static String closest(Collection<String> names, String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String n : names) {
      int d = distance(n.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3)
        ? " (did you mean " + best + "?)"
        : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Path file, Object v, String what) {
    if (!(v instanceof Map)) {
      throw bad(file, what + " must be a mapping of names to values");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) v).forEach((k, x) -> out.put(String.valueOf(k), x));
    return out;
  }

  private static List<String> strings(Path file, Object v, String what) {
    if (!(v instanceof List<?> list)) {
      throw bad(file, what + " must be a list of names, e.g. [a, b]");
    }
    return list.stream().map(String::valueOf).toList();
  }

  private static void keys(Path file, Map<String, Object> m, List<String> allowed, String what) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw bad(
            file,
            "unknown "
                + what
                + " '"
                + k
                + "'"
                + closest(allowed, k)
                + "; allowed: "
                + String.join(", ", allowed));
      }
    }
  }

  private static MigrationException bad(Path file, String what) {
    return new MigrationException(Code.BAD_ARGUMENTS, "mapping file " + file + " " + what);
  }
}
