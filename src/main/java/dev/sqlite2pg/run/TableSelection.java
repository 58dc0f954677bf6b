package dev.sqlite2pg.run;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.sync.Capture;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Which source tables a run moves: --only, --tables, --exclude and the mapping file. */
public final class TableSelection {

  private TableSelection() {}

  /**
   * The tables to migrate: the mapping file's groups named by --only (checked against the source),
   * narrowed by --tables, minus --exclude and the file's exclusions.
   */
  public static List<Table> choose(Catalog catalog, RunContext run) {
    MigrateOptions options = run.options();
    List<String> names = catalog.tables().stream().map(Table::name).toList();
    List<String> grouped =
        run.config()
            .check(
                names,
                n -> catalog.table(n).orElseThrow().columns().stream().map(Column::name).toList(),
                options.only());
    // Sync's change capture lives in the file while it runs; it is not the application's data.
    List<String> capture = Capture.ownTables(catalog);
    List<Table> base =
        catalog.tables().stream()
            .filter(t -> options.only().isEmpty() || grouped.contains(t.name()))
            .filter(t -> !capture.contains(t.name()))
            .toList();
    List<String> exclude = new ArrayList<>(options.exclude());
    exclude.addAll(run.config().exclude());
    return select(base, options.tables(), exclude);
  }

  /** The tables matching --tables (all when none) and not matching --exclude. */
  static List<Table> select(List<Table> all, List<String> include, List<String> exclude) {
    List<Pattern> in = include.stream().map(TableSelection::glob).toList();
    List<Pattern> out = exclude.stream().map(TableSelection::glob).toList();
    List<Table> chosen =
        all.stream()
            .filter(t -> in.isEmpty() || in.stream().anyMatch(p -> p.matcher(t.name()).matches()))
            .filter(t -> out.stream().noneMatch(p -> p.matcher(t.name()).matches()))
            .toList();
    if (!include.isEmpty() && chosen.isEmpty()) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "--tables "
              + String.join(",", include)
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
}
