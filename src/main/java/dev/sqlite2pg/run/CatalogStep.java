package dev.sqlite2pg.run;

import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.sqlite.CatalogReader;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** STEP 1: the SQLite schema, read-only, through its PRAGMAs and sqlite_schema. */
public final class CatalogStep {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogStep.class);

  private CatalogStep() {}

  /** Logs the step, naming the user's file even when {@code source} is its snapshot. */
  public static Catalog run(RunContext run, SqliteSource source) {
    LOG.info(
        "STEP 1: reading the catalog of {}{}",
        run.options().source(),
        source.path().equals(run.options().source().toAbsolutePath().normalize())
            ? ""
            : " (its snapshot)");
    return read(source);
  }

  public static Catalog read(SqliteSource source) {
    try (Connection c = source.connect()) {
      return new CatalogReader(c).read();
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
  }
}
