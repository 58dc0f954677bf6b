package dev.sqlite2pg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command printed after Ctrl-C: the user's arguments, resumable, no password, shell-quoted. */
class ResumeCommandTest {

  @Test
  void addsResumeAfterTheCommandAndLeavesOutDrop() {
    assertThat(
            ResumeCommand.of(
                List.of("migrate", "--drop", "app.db", "postgresql://app@db/app", "-j", "4"),
                "migrate",
                true))
        .isEqualTo("sqlite2pg migrate --resume app.db postgresql://app@db/app -j 4");
  }

  @Test
  void aResumedRunIsResumedOnce() {
    assertThat(ResumeCommand.of(List.of("migrate", "--resume", "app.db"), "migrate", true))
        .isEqualTo("sqlite2pg migrate --resume app.db");
  }

  @Test
  void passwordsAreMaskedInEveryForm() {
    assertThat(
            ResumeCommand.of(
                List.of(
                    "migrate",
                    "app.db",
                    "postgresql://app:s3cret@db/app?sslpassword=other",
                    "--schema",
                    "host=db password=s3cret"),
                "migrate",
                true))
        .doesNotContain("s3cret")
        .doesNotContain("other")
        .contains("'postgresql://app:****@db/app?sslpassword=****'")
        .contains("'host=db password=****'");
  }

  @Test
  void argumentsAShellWouldSplitAreQuoted() {
    assertThat(
            ResumeCommand.of(List.of("verify", "my app's.db", "--tables", "a*"), "verify", false))
        .isEqualTo("sqlite2pg verify 'my app'\\''s.db' --tables 'a*'");
    assertThat(InterruptTest.words("sqlite2pg verify 'my app'\\''s.db' --tables 'a*'"))
        .containsExactly("sqlite2pg", "verify", "my app's.db", "--tables", "a*");
  }
}
