package dev.sqlite2pg.framework;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.EpochUnit;
import dev.sqlite2pg.convert.IntervalUnit;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.sqlite.Affinity;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * How a recognised framework stores values on SQLite, applied to the plan without flags. Each
 * setting only matters where the target's column has the type it is for (an interval, a time, a
 * timestamp), so it is given to every column it may concern:
 *
 * <ul>
 *   <li>Django 3.2 stores a DurationField as a bigint count of microseconds (its sqlite3 backend's
 *       duration_microseconds) and creates it as {@code interval} on PostgreSQL.
 *   <li>Rails' sqlite3 adapter writes a time column as a datetime on 2000-01-01 (quoted_time).
 *   <li>SQLAlchemy's Interval, on a backend without one, is the datetime 1970-01-01 plus the
 *       duration (sqltypes.Interval.epoch).
 *   <li>Prisma stores a DateTime on SQLite as Unix epoch milliseconds, whatever the magnitude of
 *       the values (0 and 9999-12-31 included, which alone would not tell the unit).
 * </ul>
 */
public final class Conventions {

  private static final LocalDate RAILS_TIME_DAY = LocalDate.of(2000, 1, 1);
  private static final LocalDate SQLALCHEMY_EPOCH = LocalDate.of(1970, 1, 1);

  private Conventions() {}

  public static Plan apply(Plan plan, List<Framework> frameworks) {
    return frameworks.isEmpty() ? plan : plan.withColumns(c -> apply(c, frameworks));
  }

  private static ColumnPlan apply(ColumnPlan c, List<Framework> frameworks) {
    EncoderOptions o = c.options();
    for (Framework f : frameworks) {
      o = apply(f, c, o);
    }
    return o.equals(c.options()) ? c : c.withOptions(o);
  }

  private static EncoderOptions apply(Framework f, ColumnPlan c, EncoderOptions o) {
    String declared = c.source().declaredType().toUpperCase(Locale.ROOT);
    return switch (f) {
      case DJANGO ->
          Affinity.of(declared) == Affinity.INTEGER && o.intervalUnit().isEmpty()
              ? o.withIntervalUnit(IntervalUnit.MICROSECONDS)
              : o;
      case RAILS -> o.withDatedFrom(RAILS_TIME_DAY);
      case ALEMBIC -> o.withDatedFrom(SQLALCHEMY_EPOCH);
      case PRISMA -> declared.contains("DATETIME") ? o.withEpochUnit(EpochUnit.MILLIS) : o;
      case LARAVEL -> o;
    };
  }
}
