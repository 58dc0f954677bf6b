package dev.sqlite2pg.assess.code;

import dev.sqlite2pg.MigrationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files under the roots that the scanner reads: by type (see {@link FileType}), outside
 * dependency, build and version-control directories, not over {@link #LIMIT} bytes. Symbolic links
 * are not followed. A file listed twice (overlapping roots) is read once.
 */
final class SourceTree {

  /** Larger files are reported, not read: generated bundles and dumps, not hand-written code. */
  static final long LIMIT = 4L * 1024 * 1024;

  /**
   * Directories that hold other people's code, build output or tools' state. {@code vendor} is Go's
   * and PHP Composer's copy of dependencies.
   */
  static final Set<String> SKIPPED =
      Set.of(
          ".git",
          ".hg",
          ".svn",
          "node_modules",
          "venv",
          ".venv",
          "__pycache__",
          ".tox",
          ".mypy_cache",
          ".pytest_cache",
          "site-packages",
          "target",
          "build",
          "dist",
          "vendor",
          ".gradle",
          ".idea",
          ".next",
          "coverage");

  /** A file to read. */
  record Source(Path file, FileType type, long size) {}

  private SourceTree() {}

  /** The files under {@code roots} (each a directory or a file), in no particular order. */
  static List<Source> list(List<Path> roots) {
    List<Source> found = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new MigrationException(
            MigrationException.Code.BAD_ARGUMENTS,
            "--code "
                + root
                + ": no such file or directory; give the application's source directory");
      }
      walk(root, found, seen);
    }
    return found;
  }

  private static void walk(Path root, List<Source> found, Set<Path> seen) {
    try {
      Files.walkFileTree(root, new Visitor(root, found, seen));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Visitor extends SimpleFileVisitor<Path> {

    private final Path root;
    private final List<Source> found;
    private final Set<Path> seen;

    Visitor(Path root, List<Source> found, Set<Path> seen) {
      this.root = root;
      this.found = found;
      this.seen = seen;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      boolean skip = !dir.equals(root) && SKIPPED.contains(String.valueOf(dir.getFileName()));
      return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      Optional<FileType> type = attrs.isRegularFile() ? FileType.of(file) : Optional.empty();
      if (type.isPresent() && seen.add(file.toAbsolutePath().normalize())) {
        found.add(new Source(file, type.get(), attrs.size()));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      Optional<FileType> type = FileType.of(file);
      if (type.isPresent() && seen.add(file.toAbsolutePath().normalize())) {
        found.add(new Source(file, type.get(), -1));
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
