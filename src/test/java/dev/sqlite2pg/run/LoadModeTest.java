package dev.sqlite2pg.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrateOptions.IfExists;
import dev.sqlite2pg.MigrationException;
import org.junit.jupiter.api.Test;

/** What each load mode implies, and the option combinations refused before anything is read. */
class LoadModeTest {

  @Test
  void plainRunCreatesChunksAndRefusesConflicts() {
    LoadMode m = LoadMode.of(false, null, false, false);
    assertThat(m).isEqualTo(new LoadMode.Create());
    assertThat(m.replaces()).isFalse();
    assertThat(m.chunks()).isTrue();
    assertThat(m.parentsFirst()).isFalse();
    assertThat(m.fit()).isEqualTo(LoadMode.Fit.NONE);
    assertThat(m.mayRecreate(false)).isTrue();
    assertThat(m.mayRecreate(true)).isFalse();
    assertThat(m.objectsMayExist()).isFalse();
    assertThat(m.readsTargetFirst()).isTrue();
  }

  @Test
  void dropReadsNothingFirst() {
    LoadMode m = LoadMode.of(true, null, false, false);
    assertThat(m).isEqualTo(new LoadMode.Replace());
    assertThat(m.replaces()).isTrue();
    assertThat(m.readsTargetFirst()).isFalse();
    assertThat(m.mayRecreate(false)).isTrue();
  }

  @Test
  void dataOnlyFitsEveryTableAndLoadsParentsFirst() {
    LoadMode m = LoadMode.of(false, IfExists.FAIL, true, false);
    assertThat(m).isEqualTo(new LoadMode.DataOnly(LoadMode.Existing.REFUSE));
    assertThat(m.fit()).isEqualTo(LoadMode.Fit.ALL);
    assertThat(m.parentsFirst()).isTrue();
    assertThat(m.chunks()).isFalse();
    assertThat(m.mayRecreate(false)).isFalse();
    assertThat(m.skipsExistingRows()).isFalse();
  }

  @Test
  void skipExistingKeepsObjectsAndFitsOnlyWhatExists() {
    LoadMode m = LoadMode.of(false, IfExists.SKIP_EXISTING, false, false);
    assertThat(m).isEqualTo(new LoadMode.SkipExisting());
    assertThat(m.fit()).isEqualTo(LoadMode.Fit.WHERE_EXISTS);
    assertThat(m.objectsMayExist()).isTrue();
    assertThat(m.skipsExistingRows()).isTrue();
    assertThat(m.dataOnly()).isFalse();
    assertThat(LoadMode.of(false, IfExists.SKIP_EXISTING, true, false))
        .isEqualTo(new LoadMode.DataOnly(LoadMode.Existing.SKIP))
        .satisfies(d -> assertThat(d.skipsExistingRows()).isTrue());
  }

  @Test
  void resumeFollowsTheInterruptedModeButNeverRecreates() {
    LoadMode m = LoadMode.of(false, IfExists.FAIL, true, true);
    assertThat(m).isEqualTo(new LoadMode.Resume(new LoadMode.DataOnly(LoadMode.Existing.REFUSE)));
    assertThat(m.resumes()).isTrue();
    assertThat(m.dataOnly()).isTrue();
    assertThat(m.fit()).isEqualTo(LoadMode.Fit.ALL);
    assertThat(m.objectsMayExist()).isTrue();
    LoadMode plain = LoadMode.of(false, null, false, true);
    assertThat(plain.chunks()).isTrue();
    assertThat(plain.mayRecreate(false)).isFalse();
  }

  @Test
  void dropGoesWithNoOtherMode() {
    assertRefused(true, IfExists.FAIL, false, false, "--if-exists=fail has no effect with --drop");
    assertRefused(
        true, IfExists.SKIP_EXISTING, false, false, "--if-exists=skip-existing keeps the rows");
    assertRefused(
        true,
        null,
        true,
        false,
        "--data-only loads into the tables the application" + " created and --drop replaces");
    assertRefused(true, null, false, true, "--resume continues the interrupted run");
  }

  private static void assertRefused(
      boolean drop, IfExists ifExists, boolean dataOnly, boolean resume, String words) {
    assertThatThrownBy(() -> LoadMode.of(drop, ifExists, dataOnly, resume))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining(words)
        .hasMessageContaining("pass ")
        .satisfies(
            e ->
                assertThat(((MigrationException) e).code())
                    .isEqualTo(MigrationException.Code.BAD_ARGUMENTS))
        .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
  }

  /**
   * Deferrable foreign keys are checked per row only where the target's keys can be in place during
   * the load: tables that existed, or a resumed run whose STEP 5 had begun.
   */
  @Test
  void keysDuringLoadWhereTheTargetsKeysCanBeThere() {
    assertThat(LoadMode.of(false, null, false, false).keysDuringLoad()).isFalse();
    assertThat(LoadMode.of(true, null, false, false).keysDuringLoad()).isFalse();
    assertThat(LoadMode.of(false, IfExists.FAIL, true, false).keysDuringLoad()).isTrue();
    assertThat(LoadMode.of(false, IfExists.SKIP_EXISTING, false, false).keysDuringLoad()).isTrue();
    assertThat(LoadMode.of(false, null, false, true).keysDuringLoad()).isTrue();
    assertThat(
            new LoadMode.Merge(
                    new dev.sqlite2pg.pg.TenantScope("tenant_id", "north"),
                    false,
                    null) // the merged tables do not decide it
                .keysDuringLoad())
        .isFalse();
  }
}
