package dev.sqlite2pg.sqlite;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Whether anyone else has a file open, as Linux tells it in {@code /proc/PID/fd}: an application
 * connected to a SQLite database keeps a descriptor of it open even while idle. In this process,
 * more descriptors of it than the caller's own count too (an application that embeds the library
 * and has the database open, as LiveSourceTest's writer does). Only the processes that could write
 * the file count: those of its owner and of root, and every process when the file is writable by
 * its group or by others. When one of those cannot be looked into (a user other than root cannot
 * list root's descriptors), or there is no {@code /proc} (macOS, Windows), the answer is "cannot
 * tell", which callers must treat as "yes".
 */
final class OtherOpeners {

  private static final Path PROC = Path.of("/proc");

  private OtherOpeners() {}

  /**
   * True when a process other than this one that could write {@code file} has it open, or this one
   * more than {@code own} times, or if that cannot be told.
   */
  static boolean exist(Path file, int own) {
    if (!Files.isDirectory(PROC.resolve("self/fd"))) {
      return true;
    }
    try {
      Path real = file.toRealPath();
      int owner = (Integer) Files.getAttribute(real, "unix:uid");
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(real);
      boolean shared =
          perms.contains(PosixFilePermission.GROUP_WRITE)
              || perms.contains(PosixFilePermission.OTHERS_WRITE);
      long self = ProcessHandle.current().pid();
      if (count(PROC.resolve(Long.toString(self)), real) > own) {
        return true;
      }
      try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, OtherOpeners::isPid)) {
        for (Path pid : pids) {
          if (Long.parseLong(pid.getFileName().toString()) != self
              && mayWrite(pid, owner, shared)
              && holds(pid, real)) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static boolean isPid(Path p) {
    String name = p.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  /** Whether the process runs as a user that could write the file. */
  private static boolean mayWrite(Path pid, int owner, boolean shared) {
    if (shared) {
      return true;
    }
    try {
      int uid = (Integer) Files.getAttribute(pid, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return uid == owner || uid == 0;
    } catch (IOException e) {
      return false; // the process ended meanwhile
    }
  }

  /**
   * Whether one of the process's descriptors is the file; a process whose descriptors cannot be
   * listed (another user's, to a user other than root) counts as holding it.
   */
  private static boolean holds(Path pid, Path real) throws IOException {
    try {
      return count(pid, real) > 0;
    } catch (java.nio.file.NoSuchFileException e) {
      return false; // the process ended meanwhile
    } catch (java.nio.file.AccessDeniedException e) {
      return true;
    }
  }

  /** How many of the process's descriptors are the file. */
  private static int count(Path pid, Path real) throws IOException {
    int n = 0;
    try (DirectoryStream<Path> each = Files.newDirectoryStream(pid.resolve("fd"))) {
      for (Path fd : each) {
        try {
          if (Files.readSymbolicLink(fd).equals(real)) {
            n++;
          }
        } catch (IOException ignored) {
          // closed between the listing and the read
        }
      }
    }
    return n;
  }
}
