package dev.sqlite2pg.pg.ddl;

import dev.sqlite2pg.NotMigrated;
import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.Warning;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs STEP 5's statements one by one, each in its own transaction, so that one that fails costs
 * only itself. A constraint that existing rows violate (SQLite does not check foreign keys unless
 * the application turned them on) is created NOT VALID and reported with the count and sample keys
 * of the offending rows: never silently dropped.
 */
public final class PostDataRunner {

  private static final String FK_VIOLATION = "23503";
  private static final String CHECK_VIOLATION = "23514";

  /** SQLSTATEs of "already exists": duplicate_table, duplicate_object, a second primary key. */
  private static final java.util.Set<String> EXISTS = java.util.Set.of("42P07", "42710", "42P16");

  private final boolean resume;
  private final ProgressListener progress;
  private final List<Warning> warnings = new ArrayList<>();
  private final List<NotMigrated> notMigrated = new ArrayList<>();

  /**
   * @param resume an interrupted run may have created some of the statements already
   */
  public PostDataRunner(boolean resume) {
    this(resume, ProgressListener.NONE);
  }

  /**
   * @param progress told as each statement starts and ends
   */
  public PostDataRunner(boolean resume, ProgressListener progress) {
    this.resume = resume;
    this.progress = progress;
  }

  public List<Warning> warnings() {
    return List.copyOf(warnings);
  }

  public List<NotMigrated> notMigrated() {
    return List.copyOf(notMigrated);
  }

  /** This runner's outcomes followed by {@code next}'s, as one runner's. */
  PostDataRunner and(PostDataRunner next) {
    PostDataRunner both = new PostDataRunner(resume);
    both.warnings.addAll(warnings);
    both.warnings.addAll(next.warnings);
    both.notMigrated.addAll(notMigrated);
    both.notMigrated.addAll(next.notMigrated);
    return both;
  }

  public void run(Connection c, List<PostDataItem> items) throws SQLException {
    c.setAutoCommit(true);
    for (PostDataItem item : items) {
      progress.postData(
          new ProgressListener.PostDataObject(item.kind(), item.name(), item.table(), false));
      try (Statement s = c.createStatement()) {
        s.execute(item.sql());
      } catch (SQLException e) {
        onFailure(c, item, e);
      } finally {
        progress.postData(
            new ProgressListener.PostDataObject(item.kind(), item.name(), item.table(), true));
      }
    }
  }

  private void onFailure(Connection c, PostDataItem item, SQLException e) throws SQLException {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (resume && EXISTS.contains(state)) {
      return;
    }
    boolean violated = state.equals(FK_VIOLATION) || state.equals(CHECK_VIOLATION);
    if (violated && item.notValidSql().isEmpty() && item.violationsSql().isPresent()) {
      // VALIDATE of a constraint created NOT VALID: it stays so; the rows are counted.
      warnings.add(notValidWarning(item, violations(c, item.violationsSql().get())));
      return;
    }
    if (violated && item.notValidSql().isPresent()) {
      String counted = item.violationsSql().map(q -> violations(c, q)).orElse("some rows");
      try (Statement s = c.createStatement()) {
        s.execute(item.notValidSql().get());
        warnings.add(notValidWarning(item, counted));
        return;
      } catch (SQLException again) {
        e = again;
      }
    }
    String msg = e.getMessage() == null ? state : e.getMessage().lines().findFirst().orElse("");
    warnings.add(
        Warning.table(item.table(), item.kind() + " " + item.name() + " not created: " + msg));
    notMigrated.add(new NotMigrated(item.kind(), item.name(), msg, item.sql()));
  }

  private static Warning notValidWarning(PostDataItem item, String counted) {
    return Warning.table(
        item.table(),
        item.kind()
            + " "
            + item.name()
            + " created NOT VALID: "
            + counted
            + " violate it (SQLite did not enforce it); fix them, then ALTER TABLE ..."
            + " VALIDATE CONSTRAINT "
            + item.name());
  }

  private static String violations(Connection c, String query) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      long n = rs.getLong(1);
      Array samples = rs.getArray(2);
      String keys = samples == null ? "" : Arrays.toString((Object[]) samples.getArray());
      return n + " row" + (n == 1 ? "" : "s") + (keys.isEmpty() ? "" : " (e.g. " + keys + ")");
    } catch (SQLException e) {
      return "some rows (counting them failed: " + e.getMessage() + ")";
    }
  }
}
