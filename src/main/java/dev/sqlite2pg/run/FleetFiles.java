package dev.sqlite2pg.run;

import dev.sqlite2pg.FleetOptions;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a fleet: the SOURCE arguments expanded (a directory to the SQLite files in it, a
 * glob to the files it matches), each named for the target, in one order every machine agrees on.
 */
public final class FleetFiles {

  /** The first 16 bytes of every SQLite 3 database file (fileformat.html, section 1.3). */
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private FleetFiles() {}

  /** Every file the arguments name, sorted by file name, each with its schema or tenant. */
  public static List<FleetFile> list(List<Path> sources, FleetOptions options) {
    List<Path> files = new ArrayList<>();
    for (Path p : sources) {
      files.addAll(expand(p));
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).thenComparing(p -> p));
    Optional<Pattern> from =
        options.tenantFrom().filter(t -> !t.equals("filename")).map(FleetFiles::pattern);
    List<FleetFile> out = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String unit = options.merge() ? tenant(name, from) : schema(name);
      Path other = seen.putIfAbsent(unit, f);
      if (other != null) {
        throw new MigrationException(
            Code.BAD_ARGUMENTS,
            other
                + " and "
                + f
                + " would both load as "
                + (options.merge() ? "tenant " : "schema ")
                + unit
                + ": rename one, or pass "
                + (options.merge()
                    ? "a --tenant-from pattern that tells them apart"
                    : "them in separate runs"));
      }
      out.add(new FleetFile(f, unit));
    }
    if (out.isEmpty()) {
      throw new MigrationException(
          Code.SOURCE,
          String.join(", ", sources.stream().map(Path::toString).toList())
              + (sources.size() == 1 && Files.isDirectory(sources.get(0))
                  ? " is a directory with no SQLite file in it"
                  : " names no SQLite file")
              + ": name SQLite files, or a directory that holds some");
    }
    return out;
  }

  /** The files of {@code shard}, or all of them. */
  public static List<FleetFile> shard(List<FleetFile> all, Optional<FleetOptions.Shard> shard) {
    return shard.map(s -> all.stream().filter(f -> s.holds(f.name())).toList()).orElse(all);
  }

  private static List<Path> expand(Path p) {
    if (Files.isDirectory(p)) {
      List<Path> out = new ArrayList<>();
      try (DirectoryStream<Path> dir = Files.newDirectoryStream(p)) {
        for (Path f : dir) {
          if (Files.isRegularFile(f) && isSqlite(f)) {
            out.add(f);
          }
        }
      } catch (IOException e) {
        throw new MigrationException(Code.SOURCE, "Cannot list " + p + ": " + e.getMessage(), e);
      }
      return out;
    }
    if (Files.exists(p) || !isGlob(p.toString())) {
      return List.of(p); // a missing file is named by the run that opens it
    }
    return glob(p);
  }

  /** A quoted glob (the shell did not expand it): matched in its directory. */
  private static List<Path> glob(Path p) {
    Path dir = Optional.ofNullable(p.getParent()).orElse(Path.of("."));
    var matcher = dir.getFileSystem().getPathMatcher("glob:" + p.getFileName());
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path f : s) {
        if (matcher.matches(f.getFileName()) && Files.isRegularFile(f) && isSqlite(f)) {
          out.add(f);
        }
      }
    } catch (IOException e) {
      throw new MigrationException(Code.SOURCE, "Cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** By its header, not its extension: stores are .db, .sqlite, .sqlite3, .data or none. */
  static boolean isSqlite(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  /** The file name without its last extension. */
  static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /**
   * A schema name from a file name, as a person would type it in psql: lower case, letters, digits
   * and underscores ("Elo Ratings.db" to elo_ratings), never starting with a digit.
   */
  public static String schema(String fileName) {
    String s = stem(fileName).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    s = s.replaceAll("^_+|_+$", "");
    if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
      s = "db_" + s;
    }
    return s.length() > 63 ? s.substring(0, 63) : s;
  }

  /** The tenant a file name gives: its stem, or the pattern's first group (else whole match). */
  public static String tenant(String fileName, Optional<Pattern> from) {
    if (from.isEmpty()) {
      return stem(fileName);
    }
    Matcher m = from.get().matcher(fileName);
    if (!m.find()) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS,
          "--tenant-from "
              + from.get().pattern()
              + " does not match file "
              + fileName
              + ": every file's name must give its tenant");
    }
    return m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
  }

  private static Pattern pattern(String from) {
    try {
      return Pattern.compile(from);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new MigrationException(
          Code.BAD_ARGUMENTS, "--tenant-from: not a regular expression: " + e.getDescription());
    }
  }
}
