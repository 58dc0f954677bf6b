package dev.sqlite2pg.baseline;

import dev.sqlite2pg.BaselineTool;
import dev.sqlite2pg.MigrationPlan;
import java.util.List;

/**
 * A tool's baseline: its files and the steps that make the tool show the migrated database at it.
 */
public record Baseline(List<BaselineFile> files, String steps) {

  public Baseline {
    files = List.copyOf(files);
  }

  public static Baseline of(BaselineTool tool, MigrationPlan plan) {
    BaselineSql sql = new BaselineSql(plan);
    return switch (tool) {
      case FLYWAY -> FlywayBaseline.of(sql);
      case LIQUIBASE -> LiquibaseBaseline.of(sql);
      case ALEMBIC -> AlembicBaseline.of(sql);
    };
  }
}
