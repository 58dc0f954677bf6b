package dev.sqlite2pg.verify;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.MigrationPlan;
import dev.sqlite2pg.mapping.TablePlan;
import dev.sqlite2pg.source.SqliteSource;
import dev.sqlite2pg.target.TargetConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** STEP 6: compares every table of the plan on both sides, every row and value. */
public final class Verifier {

  private final SqliteSource source;
  private final TargetConnector target;
  private final String schema;
  private final MigrationPlan plan;

  public Verifier(SqliteSource source, TargetConnector target, String schema, MigrationPlan plan) {
    this.source = source;
    this.target = target;
    this.schema = schema;
    this.plan = plan;
  }

  public List<TableCheck> verifyAll() {
    boolean utf8 = plan.catalog().encoding().equalsIgnoreCase("UTF-8");
    TableVerifier tv = new TableVerifier(schema, utf8);
    List<TableCheck> out = new ArrayList<>();
    try (Connection src = source.connect(); Connection dst = target.open()) {
      for (TablePlan t : plan.tables()) {
        out.add(tv.check(t, src, dst));
      }
    } catch (SQLException e) {
      throw new MigrationException(Code.TARGET, "Verification failed to read: " + e.getMessage(), e);
    }
    return out;
  }
}
