package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.baseline.Baseline;
import dev.sqlite2pg.baseline.BaselineFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * After the move, the team's schema-migration tool takes over: the plan's schema written as that
 * tool's first migration, to be marked applied on the migrated database (and run on an empty one).
 *
 * <pre>{@code
 * MigrationPlan plan = Migrator.configure().source(db).target(target).build().plan();
 * BaselineFiles files = Baselines.write(plan, BaselineTool.FLYWAY, Path.of("db/migration"));
 * }</pre>
 */
public final class Baselines {

  private Baselines() {}

  /**
   * Writes the baseline's files into {@code dir} (created if missing; files of the same names are
   * replaced).
   *
   * @throws MigrationException BAD_ARGUMENTS when the plan has no schema script (--data-only) or
   *     the directory cannot be written
   */
  public static BaselineFiles write(MigrationPlan plan, BaselineTool tool, Path dir) {
    if (plan.script(SchemaSection.ALL).isEmpty()) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "a baseline needs the schema script, which --data-only does not make: leave it out");
    }
    Baseline baseline = Baseline.of(tool, plan);
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (BaselineFile f : baseline.files()) {
        Path file = dir.resolve(f.name());
        Files.writeString(file, f.content(), StandardCharsets.UTF_8);
        written.add(file);
      }
    } catch (IOException e) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "cannot write the baseline into " + dir + " (" + e + "): check --output",
          e);
    }
    return new BaselineFiles(written, baseline.steps());
  }
}
