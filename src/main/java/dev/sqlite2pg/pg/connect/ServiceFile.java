package dev.sqlite2pg.pg.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * libpq's connection service file (pg_service.conf): {@code [name]} sections of keyword=value
 * lines. The user's file ({@code PGSERVICEFILE}, else {@code ~/.pg_service.conf}) is searched
 * first, then the system's ({@code PGSYSCONFDIR/pg_service.conf}, else Debian's {@code
 * /etc/postgresql-common/pg_service.conf}, where Debian's libpq looks: {@code pg_config
 * --sysconfdir}); the first file that has the section wins, as in libpq's {@code parseServiceInfo}.
 *
 * <p>pgjdbc 42.7.14's {@code PgServiceConfParser} was tried first and cannot serve: it accepts
 * pgjdbc's property names instead of libpq's ({@code connect_timeout=5} or {@code
 * application_name=x}, valid for psql, make it return null), it answers every failure (no file, no
 * section, a bad line) with null and a java.util.logging line, so no one-line error can name the
 * service and the files; it reads one file only (no fallback to the system file) and reads the
 * process environment rather than the one the resolver is given.
 */
final class ServiceFile {

  /** Debian's and Ubuntu's libpq look here when PGSYSCONFDIR is unset. */
  static final Path DEBIAN_SYSCONFDIR = Path.of("/etc/postgresql-common");

  private final Path file;

  private ServiceFile(Path file) {
    this.file = file;
  }

  /**
   * The keywords of service {@code name}, in file order.
   *
   * @param keywords the libpq keywords a service may set
   * @throws ServiceFileException naming the service and every file searched when none has it, or
   *     the file and line of a line libpq would refuse (never its text: it may hold a password)
   */
  static Found lookup(String name, Map<String, String> env, Path home, Set<String> keywords) {
    List<Path> searched = new ArrayList<>();
    for (Path candidate : files(env, home)) {
      searched.add(candidate);
      Optional<Map<String, String>> section = new ServiceFile(candidate).section(name, keywords);
      if (section.isPresent()) {
        return new Found(candidate, section.get());
      }
    }
    throw new ServiceFileException(
        "definition of service \""
            + name
            + "\" not found in "
            + String.join(", ", searched.stream().map(Path::toString).toList())
            + "; add a ["
            + name
            + "] section to one of them, or set PGSERVICEFILE to the file that has it");
  }

  /**
   * A service's section.
   *
   * @param file where it was found
   * @param keywords its keyword=value lines; the first of a repeated keyword counts, as in libpq
   */
  record Found(Path file, Map<String, String> keywords) {}

  static List<Path> files(Map<String, String> env, Path home) {
    String userFile = env.get("PGSERVICEFILE");
    String sysconf = env.get("PGSYSCONFDIR");
    return List.of(
        ConnectionSpec.isSet(userFile) ? Path.of(userFile) : home.resolve(".pg_service.conf"),
        (ConnectionSpec.isSet(sysconf) ? Path.of(sysconf) : DEBIAN_SYSCONFDIR)
            .resolve("pg_service.conf"));
  }

  private Optional<Map<String, String>> section(String name, Set<String> keywords) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ServiceFileException(
          "service file "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "); check its permissions");
    }
    return new SectionReader(name, keywords).read(lines);
  }

  /** Walks the lines the way libpq's parseServiceFile does. */
  private final class SectionReader {
    private final String name;
    private final Set<String> keywords;
    private final Map<String, String> found = new LinkedHashMap<>();
    private boolean inSection;

    SectionReader(String name, Set<String> keywords) {
      this.name = name;
      this.keywords = keywords;
    }

    Optional<Map<String, String>> read(List<String> lines) {
      boolean seen = false;
      for (int number = 1; number <= lines.size(); number++) {
        String line = lines.get(number - 1).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[")) {
          if (seen) {
            break; // libpq: the end of the wanted section ends the search
          }
          // libpq compares the name and the ']' after it, and ignores what follows.
          inSection = line.startsWith("[" + name + "]");
          seen = inSection;
        } else if (inSection) {
          keyword(line, number);
        }
      }
      return seen ? Optional.of(found) : Optional.empty();
    }

    private void keyword(String line, int number) {
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq);
      if (key.equals("service")) {
        throw refused(number, "a service cannot name another service (libpq does not nest them)");
      }
      if (!keywords.contains(key)) {
        throw refused(
            number,
            eq < 0
                ? "the line is not keyword=value"
                : "keyword \""
                    + key
                    + "\" is not a supported libpq keyword (supported: "
                    + String.join(", ", keywords)
                    + ")");
      }
      found.putIfAbsent(key, line.substring(eq + 1));
    }

    private ServiceFileException refused(int number, String why) {
      return new ServiceFileException(
          "service file " + file + ", line " + number + " (service \"" + name + "\"): " + why);
    }
  }
}
