package dev.sqlite2pg.run;

import dev.sqlite2pg.ProgressListener;
import dev.sqlite2pg.copy.TableCopyResult;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.pg.ddl.Sequences;
import dev.sqlite2pg.plan.ColumnPlan;
import dev.sqlite2pg.plan.Plan;
import dev.sqlite2pg.plan.TablePlan;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import dev.sqlite2pg.sqlite.TableProfiler;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STEP 5: keys, indexes, constraints, sequences and views, started during STEP 4 (a table's keys
 * are built as soon as its rows are in) and finished here.
 */
public final class PostDataStep {

  private static final Logger LOG = LoggerFactory.getLogger(PostDataStep.class);

  private PostDataStep() {}

  /** STEP 5 started, or null when the mode builds none (--data-only keeps the app's own). */
  public static SchemaWriter.PostData start(RunContext run, SchemaWriter schema, Plan plan) {
    return run.mode().dataOnly() || run.mode().tenant().isPresent()
        ? null
        : schema.startPostData(
            plan, run.options().jobs(), run.mode().foreignKeys(), run.progress());
  }

  /**
   * What the rest of STEP 5 will do: the statements left (those finished during the copy count as
   * done), over the copied tables.
   */
  public static ProgressListener.StepStarted totals(
      RunContext run, CopyStep.Copied copied, SchemaWriter.PostData post) {
    boolean complete = copied.results().stream().allMatch(r -> r.error().isEmpty());
    return new ProgressListener.StepStarted(
        ProgressListener.Step.POST_DATA,
        copied.results().size(),
        0,
        0,
        post == null ? 0 : post.objects(complete, run.mode().foreignKeys()));
  }

  public static void finish(
      RunContext run,
      SqliteSource source,
      SchemaWriter schema,
      CopyStep.Copied copied,
      SchemaWriter.PostData post) {
    Plan plan = copied.plan();
    Sequences.SourceKeys keys = highestKeys(source, plan);
    if (run.mode().tenant().isPresent()) {
      LOG.info("STEP 5: --merge: keys, indexes and sequences after the fleet's last file");
      return;
    }
    if (run.mode().dataOnly()) {
      LOG.info("STEP 5: --data-only: sequences moved past the source's keys");
      schema.postDataOnly(plan, keys);
      return;
    }
    List<String> failed =
        copied.results().stream()
            .filter(r -> r.error().isPresent())
            .map(TableCopyResult::sourceTable)
            .toList();
    if (!failed.isEmpty()) {
      LOG.warn(
          "STEP 5: only the keys and indexes of the tables copied completely: {} did not"
              + " copy completely; --resume copies the rest, then creates the foreign keys,"
              + " sequences and views",
          String.join(", ", failed));
    } else {
      LOG.info("STEP 5: keys, indexes, constraints, sequences and views");
    }
    schema.finishPostData(post, plan, failed.isEmpty(), run.mode().foreignKeys(), keys);
  }

  /** The source's largest integer in every identity column, rejected rows included. */
  private static Sequences.SourceKeys highestKeys(SqliteSource source, Plan plan) {
    Map<String, Long> highest = new HashMap<>();
    try (Connection c = source.connect()) {
      for (TablePlan t : plan.tables()) {
        for (ColumnPlan col : t.columns()) {
          if (col.identity()) {
            TableProfiler.highestInteger(c, t.source(), col.source().name())
                .ifPresent(h -> highest.put(key(t, col), h));
          }
        }
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(source.origin(), e);
    }
    return (t, col) -> highest.getOrDefault(key(t, col), 0L);
  }

  private static String key(TablePlan t, ColumnPlan col) {
    return t.source().name() + "\u0000" + col.source().name();
  }
}
