package dev.sqlite2pg.cli;

import dev.sqlite2pg.FleetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Several SOURCE files (issue 15): the positional arguments split into files and an optional
 * TARGET, and the options of a fleet.
 */
final class FleetArgs {

  @picocli.CommandLine.Parameters(
      arity = "1..*",
      paramLabel = "SOURCE... [TARGET]",
      description = {
        "The SQLite database file; or several, a directory of them, or a quoted glob (each into"
            + " a schema named after it, or merged with --merge).",
        "TARGET: postgresql://user@host:5432/db?sslmode=..., a libpq key=value string, or a"
            + " jdbc:postgresql: URL. Default: $DATABASE_URL, then PG* variables, then an embedded"
            + " PostgreSQL."
      })
  List<String> args;

  /** The SOURCE... [TARGET] arguments, split. */
  Split split() {
    return split(args);
  }

  /**
   * One file per schema, or all merged into one: picocli refuses both at once (issue 17; before,
   * --merge won silently).
   */
  @ArgGroup(exclusive = true)
  Layout layout;

  static final class Layout {
    @Option(
        names = "--schema-per-file",
        descriptionKey = "schema-per-file",
        description =
            "With several files (the default): each into its own schema, named after the file"
                + " (elo_ratings.db into schema elo_ratings).")
    boolean schemaPerFile;

    @Option(
        names = "--merge",
        descriptionKey = "merge",
        description =
            "Files with the same schema (a fleet of tenants): all into one set of tables in"
                + " --schema, with --tenant-column added to every table and key. Files whose schema"
                + " differs are listed, and nothing is loaded.")
    boolean merge;
  }

  @Option(
      names = "--tenant-column",
      descriptionKey = "tenant-column",
      paramLabel = "NAME",
      description = "With --merge: the column that says which file a row came from.")
  String tenantColumn;

  @Option(
      names = "--tenant-from",
      paramLabel = "filename|REGEX",
      description =
          "With --merge: the tenant value is the file name without its extension (filename,"
              + " the default), or the first group a regular expression matches in the file name.")
  String tenantFrom;

  @Option(
      names = "--shard",
      descriptionKey = "shard",
      paramLabel = "K/N",
      description =
          "Load only shard K of N (1-based; a file's shard follows from its name), so N"
              + " machines share a fleet: same TARGET, same options.")
  String shard;

  @Option(
      names = "--distribute-by",
      descriptionKey = "distribute-by",
      paramLabel = "COLUMN",
      description =
          "With --merge into Citus: distribute every merged table by the tenant column,"
              + " co-located (create_distributed_table).")
  String distributeBy;

  /** The split of SOURCE... [TARGET]. */
  record Split(List<Path> sources, String target) {

    /** More than one file, a directory or a glob, or a fleet option: a fleet run. */
    boolean fleet(FleetArgs args) {
      return sources.size() > 1
          || Files.isDirectory(sources.get(0))
          || !Files.exists(sources.get(0)) && sources.get(0).toString().matches(".*[*?\\[].*")
          || args.merge()
          || args.shard != null;
    }
  }

  /**
   * The last argument is TARGET when it reads as a connection string (a URI, key=value pairs, a
   * JDBC URL) and names no file.
   */
  static Split split(List<String> args) {
    String last = args.get(args.size() - 1);
    boolean target = args.size() > 1 && !Files.exists(Path.of(last)) && looksLikeTarget(last);
    List<String> files = target ? args.subList(0, args.size() - 1) : args;
    return new Split(files.stream().map(Path::of).toList(), target ? last : null);
  }

  private static boolean looksLikeTarget(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return l.contains("://") || l.startsWith("jdbc:") || l.contains("=");
  }

  boolean merge() {
    return layout != null && layout.merge;
  }

  FleetOptions options() {
    return new FleetOptions(
        merge(),
        Optional.ofNullable(tenantColumn),
        Optional.ofNullable(tenantFrom),
        Optional.ofNullable(shard).map(FleetOptions.Shard::parse),
        Optional.ofNullable(distributeBy));
  }
}
