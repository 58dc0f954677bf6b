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

  private final int keep;
  private final boolean rejectsExpected;

  /** @param keep how many differing rows to keep in detail per table */
  public Verifier(SqliteSource source, TargetConnector target, String schema, MigrationPlan plan,
      int keep, boolean rejectsExpected) {
    this.keep = keep;
    this.rejectsExpected = rejectsExpected;
    this.source = source;
    this.target = target;
    this.schema = schema;
    this.plan = plan;
  }

  public List<TableCheck> verifyAll() {
    boolean utf8 = plan.catalog().encoding().equalsIgnoreCase("UTF-8");
    TableVerifier tv = new TableVerifier(schema, utf8, keep, rejectsExpected);
    List<TableCheck> out = new ArrayList<>();
    try (Connection src = source.connect(); Connection dst = target.open()) {
      TargetTypes types = new TargetTypes(dst, schema);
      for (TablePlan t : plan.tables()) {
        TargetTypes.Match m = types.match(t);
        if (m.plan().isEmpty()) {
          out.add(new TableCheck(t.source().name(), t.target(), t.sourceRows(), t.sourceRows(),
              0, false, 0, 0, 0, List.of(), m.problem(), 0));
        } else {
          out.add(tv.check(m.plan().get(), src, dst));
        }
      }
    } catch (SQLException e) {
      throw new MigrationException(Code.TARGET, "Verification failed to read: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    return out;
  }
}
