package dev.sqlite2pg.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL leaves its snapshot in the temporary directory; the next snapshot taken
 * there removes it, and only it: not a running process's, not a file of another name.
 */
class StaleSnapshotsTest {

  @TempDir Path dir;

  @Test
  void removesOnlyTheSnapshotsOfProcessesThatAreGone() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path left = Files.writeString(dir.resolve(name(gone.pid()) + ".db"), "killed run's copy");
    Path leftJournal = Files.writeString(dir.resolve(name(gone.pid()) + ".db-journal"), "j");
    Path mine = Files.writeString(dir.resolve(StaleSnapshots.prefix() + "42.db"), "running");
    Path older = Files.writeString(dir.resolve("sqlite2pg-snapshot-1234567.db"), "no pid");
    Path other = Files.writeString(dir.resolve("app.db"), "the user's");

    assertThat(StaleSnapshots.sweep(dir)).containsExactlyInAnyOrder(left, leftJournal);

    assertThat(left).doesNotExist();
    assertThat(leftJournal).doesNotExist();
    assertThat(mine).exists();
    assertThat(older).as("a name without a process is not ours to judge").exists();
    assertThat(other).exists();
  }

  @Test
  void theNameSaysWhichProcessTookTheSnapshot() {
    long pid = ProcessHandle.current().pid();
    assertThat(StaleSnapshots.owner(Path.of(StaleSnapshots.prefix() + "99.db"))).contains(pid);
    assertThat(StaleSnapshots.owner(Path.of("sqlite2pg-snapshot-99.db"))).isEmpty();
  }

  private static String name(long pid) {
    return StaleSnapshots.PREFIX + pid + "-123";
  }
}
