package dev.sqlite2pg.sqlite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots left in the temporary directory by a run that was killed (SIGKILL, a crash, the
 * machine's OOM killer): the name says which process took it, and one whose process is gone is
 * removed by the next snapshot taken there. A full-size copy of the user's database per killed run
 * otherwise piles up (51 files, 720 MB, in one day of this project's kill tests).
 */
final class StaleSnapshots {

  private static final Logger LOG = LoggerFactory.getLogger(StaleSnapshots.class);

  static final String PREFIX = "sqlite2pg-snapshot-";

  private static final Pattern NAME =
      Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+\\.db(-journal|-wal|-shm)?");

  private StaleSnapshots() {}

  /** The prefix of this process's snapshot files. */
  static String prefix() {
    return PREFIX + ProcessHandle.current().pid() + "-";
  }

  /** Removes the snapshots in {@code dir} whose process no longer runs; returns them. */
  static List<Path> sweep(Path dir) {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path f : files) {
        owner(f)
            .filter(pid -> ProcessHandle.of(pid).isEmpty())
            .ifPresent(pid -> remove(f, pid, removed));
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("not looking for snapshots left in {}: {}", dir, e.toString());
    }
    return removed;
  }

  /** The process that took {@code f}, when its name says. */
  static Optional<Long> owner(Path f) {
    Matcher m = NAME.matcher(f.getFileName().toString());
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  private static void remove(Path f, long pid, List<Path> removed) {
    try {
      long size = Files.size(f);
      if (Files.deleteIfExists(f)) {
        LOG.info(
            "removed {} ({} bytes), a snapshot left by process {}, which is gone", f, size, pid);
        removed.add(f);
      }
    } catch (IOException e) {
      LOG.debug("could not remove {}: {}", f, e.toString());
    }
  }
}
