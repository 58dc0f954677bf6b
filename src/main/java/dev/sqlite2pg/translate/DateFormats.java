package dev.sqlite2pg.translate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** SQLite date formats in PostgreSQL terms. */
final class DateFormats {

  /** What datetime('now') returns in SQLite: UTC, to the second. */
  static final String DATETIME = "YYYY-MM-DD HH24:MI:SS";

  static final String DATE = "YYYY-MM-DD";
  static final String TIME = "HH24:MI:SS";

  /** now() as the UTC wall-clock time SQLite's 'now' means. */
  static final String NOW_UTC = "(now() AT TIME ZONE 'UTC')";

  private DateFormats() {}

  /**
   * Translates a strftime() format to a to_char() format. Literal runs are double-quoted because
   * to_char would read letters in them as patterns: PocketBase writes {@code strftime('%Y-%m-%d
   * %H:%M:%fZ')}, whose Z must stay a Z.
   *
   * @throws UntranslatableException for conversions to_char has no equal for (%s, %J, %w, ...)
   */
  static String toCharFormat(String strftime) {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < strftime.length(); i++) {
      char c = strftime.charAt(i);
      if (c != '%' || i + 1 == strftime.length()) {
        literal.append(c);
        continue;
      }
      char conversion = strftime.charAt(++i);
      if (conversion == '%') {
        literal.append('%');
        continue;
      }
      flushLiteral(out, literal);
      out.append(pattern(conversion));
    }
    flushLiteral(out, literal);
    return out.toString();
  }

  private static String pattern(char conversion) {
    switch (conversion) {
      case 'Y':
        return "YYYY";
      case 'm':
        return "MM";
      case 'd':
        return "DD";
      case 'H':
        return "HH24";
      case 'M':
        return "MI";
      case 'S':
        return "SS";
      case 'f':
        return "SS.MS"; // SQLite's %f is seconds with milliseconds: "SS.SSS"
      case 'j':
        return "DDD";
      default:
        throw new UntranslatableException(
            "strftime conversion %" + conversion + " has no to_char() equivalent");
    }
  }

  private static void flushLiteral(StringBuilder out, StringBuilder literal) {
    if (literal.length() == 0) {
      return;
    }
    boolean plain = literal.chars().allMatch(ch -> " -:/.,".indexOf(ch) >= 0);
    out.append(plain ? literal : "\"" + literal.toString().replace("\"", "\\\"") + "\"");
    literal.setLength(0);
  }

  /**
   * What SQLite's datetime(), date() or time() return for a constant argument, when the argument is
   * one of the plain ISO forms. Northwind's views compare with {@code DATETIME('1997-01-01')},
   * which SQLite evaluates to '1997-01-01 00:00:00'.
   */
  static Optional<String> fold(String function, String argument) {
    Optional<LocalDateTime> when = parse(argument);
    if (when.isEmpty()) {
      return Optional.empty();
    }
    switch (function) {
      case "datetime":
        return Optional.of(
            when.get().format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)));
      case "date":
        return Optional.of(when.get().toLocalDate().toString());
      case "time":
        return Optional.of(when.get().format(DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)));
      default:
        return Optional.empty();
    }
  }

  private static Optional<LocalDateTime> parse(String text) {
    try {
      if (text.length() == 10) {
        return Optional.of(LocalDate.parse(text).atTime(LocalTime.MIDNIGHT));
      }
      if (text.length() == 16 || text.length() == 19) {
        return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
