package dev.sqlite2pg.pg.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Looks up a password in a libpq password file (~/.pgpass) exactly as libpq does: lines of {@code
 * host:port:database:username:password}, '#' starts a comment, a field that is just {@code *}
 * matches anything, {@code \:} and {@code \\} stand for ':' and '\', and the first matching line
 * wins. Like libpq, a file that group or others may access is ignored with a warning, because a
 * password readable by others is not a secret.
 */
final class PgPassFile {

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  /**
   * What the lookup found.
   *
   * @param password the matching line's password, when one matched
   * @param warning why the file was ignored, in libpq's words, when it was
   */
  record Result(Optional<String> password, Optional<String> warning) {
    static final Result NONE = new Result(Optional.empty(), Optional.empty());
  }

  private PgPassFile() {}

  static Result lookup(Path file, String host, int port, String database, String user) {
    if (!Files.exists(file)) {
      return Result.NONE;
    }
    if (!Files.isRegularFile(file)) {
      return warn("password file \"" + file + "\" is not a plain file");
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        return warn(
            "password file \""
                + file
                + "\" has group or world access; permissions"
                + " should be u=rw (0600) or less");
      }
    } catch (UnsupportedOperationException notPosix) {
      // No POSIX permissions on this file system: libpq skips the check on Windows too.
    } catch (IOException e) {
      return warn("password file \"" + file + "\" could not be read: " + e.getMessage());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return warn("password file \"" + file + "\" could not be read: " + e.getMessage());
    }
    String[] wanted = {host, Integer.toString(port), database, user};
    for (String line : lines) {
      Optional<String> password = match(stripCarriageReturn(line), wanted);
      if (password.isPresent()) {
        return new Result(password, Optional.empty());
      }
    }
    return Result.NONE;
  }

  /** The password when the line's four fields match, following libpq's pwdfMatchesString. */
  static Optional<String> match(String line, String[] wanted) {
    if (line.isEmpty() || line.startsWith("#")) {
      return Optional.empty();
    }
    int pos = 0;
    for (String token : wanted) {
      pos = matchField(line, pos, token);
      if (pos < 0) {
        return Optional.empty();
      }
    }
    // The password runs to the next unescaped ':' or the end; backslash escapes any char.
    StringBuilder password = new StringBuilder();
    for (int i = pos; i < line.length() && line.charAt(i) != ':'; i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        c = line.charAt(++i);
      }
      password.append(c);
    }
    return Optional.of(password.toString());
  }

  /** Index after the field and its ':' when the field matches token, else -1. */
  private static int matchField(String line, int from, String token) {
    if (line.startsWith("*:", from)) {
      return from + 2;
    }
    int i = from;
    int t = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      boolean escaped = false;
      if (c == '\\' && i + 1 < line.length()) {
        c = line.charAt(++i);
        escaped = true;
      }
      if (c == ':' && !escaped) {
        return t == token.length() ? i + 1 : -1;
      }
      if (t >= token.length() || token.charAt(t) != c) {
        return -1;
      }
      i++;
      t++;
    }
    return -1;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static Result warn(String warning) {
    return new Result(Optional.empty(), Optional.of("WARNING: " + warning));
  }
}
