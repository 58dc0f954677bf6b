package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.SchemaObject;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.mapping.Identifiers;
import dev.sqlite2pg.mapping.Planner;
import dev.sqlite2pg.mapping.TablePlan;
import dev.sqlite2pg.mapping.TypeRules;
import dev.sqlite2pg.mapping.ValueProbe;
import dev.sqlite2pg.source.CatalogReader;
import dev.sqlite2pg.source.SqliteSource;
import dev.sqlite2pg.source.SqliteValueProbe;
import dev.sqlite2pg.source.TableProfiler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The bodies of STEP 1 and STEP 2, kept out of {@link Migrator} so that it stays a contents page. */
final class Steps {

  /** A probe that believes every type fits: for a plan whose types the target will correct. */
  private static final ValueProbe ASSUME_FITS = new ValueProbe() {
    @Override
    public java.util.Optional<String> firstMisfit(dev.sqlite2pg.catalog.Column column,
        dev.sqlite2pg.mapping.PgType type, dev.sqlite2pg.mapping.EncoderOptions options) {
      return java.util.Optional.empty();
    }

    @Override
    public List<String> examples(dev.sqlite2pg.catalog.Column column, String storageClass,
        int limit) {
      return List.of();
    }
  };

  private Steps() {}

  static Catalog readCatalog(SqliteSource source) {
    try (Connection c = source.connect()) {
      return new CatalogReader(c).read();
    } catch (SQLException e) {
      throw new MigrationException(Code.SOURCE, "Reading the schema of " + source.path()
          + " failed: " + e.getMessage(), e);
    }
  }

  /** The tables matching --tables (all when none) and not matching --exclude. */
  static List<Table> select(List<Table> all, List<String> include, List<String> exclude) {
    List<Pattern> in = include.stream().map(Steps::glob).toList();
    List<Pattern> out = exclude.stream().map(Steps::glob).toList();
    List<Table> chosen = all.stream()
        .filter(t -> in.isEmpty() || in.stream().anyMatch(p -> p.matcher(t.name()).matches()))
        .filter(t -> out.stream().noneMatch(p -> p.matcher(t.name()).matches()))
        .toList();
    if (!include.isEmpty() && chosen.isEmpty()) {
      throw new MigrationException(Code.BAD_ARGUMENTS, "--tables " + String.join(",", include)
          + " matches no table; the tables are: "
          + String.join(", ", all.stream().map(Table::name).toList()));
    }
    return chosen;
  }

  /** A shell-style glob (* and ?), case-insensitive like SQLite names. */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char ch : glob.toCharArray()) {
      switch (ch) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * @param probe whether to try every candidate type on the stored values; verify does not need
   *     to (the target says what the types are), and the probes are most of a plan's cost
   */
  static MigrationPlan plan(SqliteSource source, Catalog catalog, List<Table> chosen,
      MigrateOptions options, boolean probe) {
    List<Warning> warnings = new ArrayList<>();
    List<NotMigrated> notMigrated = new ArrayList<>();
    boolean utf8 = catalog.encoding().equalsIgnoreCase("UTF-8");
    Map<String, String> names = Identifiers.targetNames(
        chosen.stream().map(Table::name).toList(), options.keepCase());
    Planner planner = new Planner(options.casts(), options.keepCase());
    List<TablePlan> tables = new ArrayList<>();
    try (Connection c = source.connect()) {
      for (Table t : chosen) {
        TableProfiler.Result profile = probe ? TableProfiler.profile(c, t)
            : TableProfiler.profile(c, t, t.columns().stream()
                .filter(col -> TypeRules.readsTimes(col.declaredType())
                    || options.casts().stream().anyMatch(k -> k.appliesTo(t.name(), col.name(),
                        col.declaredType())))
                .toList());
        String target = names.get(t.name());
        if (!target.equals(t.name().toLowerCase(Locale.ROOT)) && !target.equals(t.name())) {
          warnings.add(Warning.table(t.name(), "renamed to " + target
              + " (PostgreSQL names are at most 63 bytes)"));
        }
        tables.add(planner.plan(t, target, profile.rows(), profile.columns(),
            probe ? new SqliteValueProbe(c, t, utf8) : ASSUME_FITS, warnings, notMigrated));
      }
    } catch (SQLException e) {
      throw new MigrationException(Code.SOURCE, "Reading the data of " + source.path()
          + " failed: " + e.getMessage(), e);
    }
    catalog.problems().forEach(p -> warnings.add(Warning.general(p)));
    for (SchemaObject o : catalog.others()) {
      notMigrated(o).ifPresent(notMigrated::add);
    }
    return new MigrationPlan(catalog, options.schema(), List.copyOf(tables),
        List.copyOf(warnings), notMigrated);
  }

  private static java.util.Optional<NotMigrated> notMigrated(SchemaObject o) {
    return switch (o.kind()) {
      case TRIGGER -> java.util.Optional.of(new NotMigrated("trigger", o.name(),
          "triggers are SQLite code; rewrite it as a PL/pgSQL trigger function", o.sql()));
      case VIRTUAL_TABLE -> java.util.Optional.of(new NotMigrated("virtual table", o.name(),
          "virtual tables (FTS, R-Tree, extensions) have no PostgreSQL equivalent; use"
              + " PostgreSQL full-text search or PostGIS instead", o.sql()));
      case SHADOW_TABLE -> java.util.Optional.of(new NotMigrated("shadow table", o.name(),
          "internal storage of virtual table " + o.tableName() + ", not user data", o.sql()));
      case INTERNAL_TABLE -> java.util.Optional.of(new NotMigrated("internal table", o.name(),
          o.name().equalsIgnoreCase("sqlite_sequence")
              ? "AUTOINCREMENT counters; applied to the identity sequences instead"
              : "SQLite's query-planner statistics; PostgreSQL's ANALYZE makes its own",
          o.sql()));
      case VIEW -> java.util.Optional.empty();
    };
  }
}
