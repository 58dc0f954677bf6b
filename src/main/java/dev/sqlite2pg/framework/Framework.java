package dev.sqlite2pg.framework;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.catalog.Table;
import java.util.List;
import java.util.Optional;

/**
 * The frameworks whose databases are recognised, each by its migration-history table (present in
 * the source with the columns that identify a migration). What each stores on SQLite is from its
 * own source and documentation, cited per constant.
 */
public enum Framework {
  /**
   * Django (django/db/migrations/recorder.py: django_migrations(app, name, applied)). Its
   * contenttypes and auth apps seed django_content_type and auth_permission during migrate, with
   * ids that permissions, admin log entries and generic relations reference.
   */
  DJANGO(
      "Django",
      History.of("django_migrations", "app", "name"),
      List.of("django_content_type", "auth_permission"),
      List.of(),
      "DurationField is stored as bigint microseconds, read so into interval columns;"
          + " UUIDField as 32 hex digits"),
  /**
   * Rails/ActiveRecord: schema_migrations(version); ar_internal_metadata holds the environment the
   * schema was loaded in, which is the target's own.
   */
  RAILS(
      "Rails (ActiveRecord)",
      History.of("schema_migrations", "version"),
      List.of(),
      List.of("ar_internal_metadata"),
      "time columns are stored as datetimes on 2000-01-01, read so into time columns"),
  /** Alembic (SQLAlchemy): alembic_version(version_num) holds the current head revisions. */
  ALEMBIC(
      "SQLAlchemy/Alembic",
      History.of("alembic_version", "version_num"),
      List.of(),
      List.of(),
      "Interval is stored as the datetime 1970-01-01 plus the duration, read so into interval"
          + " columns; Enum as its label, the GUID recipe as 32 hex digits"),
  /**
   * Prisma Migrate: _prisma_migrations keeps failed and rolled-back attempts too; an applied
   * migration has finished_at set and rolled_back_at empty.
   */
  PRISMA(
      "Prisma",
      new History(
          "_prisma_migrations",
          List.of("migration_name"),
          Optional.of("finished_at IS NOT NULL AND rolled_back_at IS NULL")),
      List.of(),
      List.of(),
      "DateTime is stored as Unix epoch milliseconds, read so into timestamp columns"),
  /**
   * Laravel (Eloquent): migrations(id, migration, batch); the batch numbers count the times migrate
   * ran on that database, so only the migration's name identifies it.
   */
  LARAVEL(
      "Laravel (Eloquent)",
      History.of("migrations", "migration"),
      List.of(),
      List.of(),
      "datetimes are stored as 'YYYY-MM-DD HH:MM:SS' text");

  private final String display;
  private final History history;
  private final List<String> seeded;
  private final List<String> kept;
  private final String conventions;

  Framework(
      String display, History history, List<String> seeded, List<String> kept, String conventions) {
    this.display = display;
    this.history = history;
    this.seeded = seeded;
    this.kept = kept;
    this.conventions = conventions;
  }

  /** As the report names it. */
  public String display() {
    return display;
  }

  public History history() {
    return history;
  }

  /** Tables its migrations fill with rows that other rows reference: the source's rows win. */
  public List<String> seeded() {
    return seeded;
  }

  /** Bookkeeping tables that describe the target itself: the target's rows are kept. */
  public List<String> kept() {
    return kept;
  }

  /** What it stores how on SQLite, for the report. */
  public String conventions() {
    return conventions;
  }

  /**
   * The frameworks whose history table {@code catalog} has, with the columns naming a migration.
   */
  public static List<Framework> recognise(Catalog catalog) {
    return java.util.Arrays.stream(values()).filter(f -> f.historyIn(catalog).isPresent()).toList();
  }

  /** The source's history table of this framework, if it has one with the identifying columns. */
  public Optional<Table> historyIn(Catalog catalog) {
    return catalog.tables().stream()
        .filter(t -> t.name().equalsIgnoreCase(history.table()))
        .filter(t -> history.ids().stream().allMatch(c -> t.column(c).isPresent()))
        .findFirst();
  }
}
