package dev.sqlite2pg.run;

import dev.sqlite2pg.copy.TableCopyResult;
import dev.sqlite2pg.pg.ddl.SchemaWriter;
import dev.sqlite2pg.plan.Plan;
import java.util.List;
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
    return run.mode().dataOnly() ? null : schema.startPostData(plan, run.options().jobs());
  }

  public static void finish(
      RunContext run, SchemaWriter schema, CopyStep.Copied copied, SchemaWriter.PostData post) {
    Plan plan = copied.plan();
    if (run.mode().dataOnly()) {
      LOG.info("STEP 5: --data-only: sequences moved past the loaded keys");
      schema.postDataOnly(plan);
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
    schema.finishPostData(post, plan, failed.isEmpty());
  }
}
