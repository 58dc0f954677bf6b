package dev.sqlite2pg.baseline;

import java.util.List;
import java.util.Locale;

/**
 * Alembic: a revision with no parent whose {@code upgrade()} runs the schema script and whose
 * {@code downgrade()} drops the tables. {@code alembic stamp} marks it applied.
 *
 * <p>The SQL goes through {@code exec_driver_sql} with {@code no_parameters}, not {@code
 * op.execute}: the latter wraps it in {@code text()}, which reads {@code :name} inside a DEFAULT or
 * CHECK string as a bind parameter, and psycopg2 given any parameters reads {@code %} as one.
 */
final class AlembicBaseline {

  static final String REVISION = "sqlite2pg_baseline";
  static final String FILE = REVISION + ".py";

  private AlembicBaseline() {}

  static Baseline of(BaselineSql sql) {
    return new Baseline(
        List.of(new BaselineFile(FILE, revision(sql))),
        """
        Alembic: put sqlite2pg_baseline.py in the versions folder (script_location/versions).
        It has no parent (down_revision = None): start the history with it. On the migrated
        database run
          alembic stamp sqlite2pg_baseline
        alembic current then shows "sqlite2pg_baseline (head)"; on an empty database alembic
        upgrade head creates the schema, and alembic downgrade base drops its tables again.
        New revisions take down_revision = "sqlite2pg_baseline".
        """);
  }

  private static String revision(BaselineSql sql) {
    return String.format(
        Locale.ROOT,
        """
        \"""sqlite2pg baseline: the schema migrated from SQLite (%d tables in schema %s).

        Revision ID: %s
        Revises:
        \"""
        from alembic import op

        revision = "%s"
        down_revision = None
        branch_labels = None
        depends_on = None

        # The SQL goes to the driver as it is: no bind parameters, so a ':name' or a '%%' inside a
        # DEFAULT or CHECK string stays text (op.execute would read ':name' as a parameter).
        RAW = {"no_parameters": True}

        SCHEMA = %s

        DROP = %s


        def upgrade():
            op.get_bind().exec_driver_sql(SCHEMA, execution_options=RAW)


        def downgrade():
            op.get_bind().exec_driver_sql(DROP, execution_options=RAW)
        """,
        sql.tableCount(),
        pythonComment(sql.schema()),
        REVISION,
        REVISION,
        pythonString(sql.create()),
        pythonString(sql.drop()));
  }

  /** A Python string literal: triple-quoted, with every backslash and double quote escaped. */
  static String pythonString(String text) {
    return "\"\"\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\"\"";
  }

  private static String pythonComment(String text) {
    return text.replace("\\", "\\\\").replace("\"", "'").replace('\n', ' ');
  }
}
