package dev.sqlite2pg.translate;

import dev.sqlite2pg.sql.PgLiterals;
import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.SqlToken.Kind;
import dev.sqlite2pg.sql.SqlTokenizer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Column DEFAULTs. A default is a value SQLite stores in a column; the PostgreSQL default must
 * produce the value the migrated column would hold for it, so the target type decides the spelling:
 * a text column with {@code DEFAULT (datetime('now'))} gets text in SQLite's format.
 */
final class DefaultTranslator {

  private final boolean pgcrypto;
  private String targetType = "";

  DefaultTranslator(boolean pgcrypto) {
    this.pgcrypto = pgcrypto;
  }

  String translate(String sqliteDefault, String pgTargetTypeSql) {
    TargetKind target = TargetKind.of(pgTargetTypeSql);
    targetType = pgTargetTypeSql.trim();
    String text = unwrap(sqliteDefault.trim());
    List<SqlToken> tokens = tokenize(text);
    if (tokens.isEmpty()) {
      throw new UntranslatableException("empty DEFAULT");
    }
    SqlToken first = tokens.get(0);
    if (tokens.size() == 1) {
      return single(first, target);
    }
    if (tokens.size() == 2
        && (first.isOperator("-") || first.isOperator("+"))
        && tokens.get(1).kind() == Kind.NUMBER) {
      return number(
          first.text().equals("-") ? "-" + tokens.get(1).text() : tokens.get(1).text(), target);
    }
    return expression(text, target);
  }

  /** (expr) and ((expr)) as SQLite stores them: the parentheses carry no meaning here. */
  private static String unwrap(String text) {
    String s = text;
    while (s.startsWith("(") && s.endsWith(")") && closesAtEnd(s)) {
      s = s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  private static boolean closesAtEnd(String s) {
    List<SqlToken> tokens = tokenize(s);
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken t = tokens.get(i);
      if (t.isOperator("(")) {
        depth++;
      } else if (t.isOperator(")") && --depth == 0) {
        return i == tokens.size() - 1;
      }
    }
    return false;
  }

  private static List<SqlToken> tokenize(String s) {
    try {
      return SqlTokenizer.tokenize(s);
    } catch (IllegalArgumentException e) {
      throw new UntranslatableException("DEFAULT is not valid SQLite SQL: " + e.getMessage());
    }
  }

  private String single(SqlToken t, TargetKind target) {
    switch (t.kind()) {
      case NUMBER:
        return number(PgLiterals.number(t.text()), target);
      case STRING:
        return string(t.value(), target);
      case QUOTED_IDENTIFIER:
        // A DEFAULT cannot name a column, so SQLite reads "..." as a string: Chrome's
        // History database has originator_cache_guid TEXT DEFAULT "" NOT NULL.
        if (t.text().startsWith("\"")) {
          return string(t.value(), target);
        }
        throw new UntranslatableException("DEFAULT " + t.text() + " names no value");
      case BLOB:
        if (target == TargetKind.BYTEA) {
          return PgLiterals.bytea(t.value());
        }
        throw new UntranslatableException(
            "blob DEFAULT " + t.text() + " for a " + targetType + " column");
      case WORD:
        return word(t.upper(), target);
      default:
        throw new UntranslatableException("DEFAULT " + t.text());
    }
  }

  private String number(String number, TargetKind target) {
    switch (target) {
      case BOOLEAN:
        if (isZeroOrOne(number)) {
          return new BigDecimal(number).signum() == 0 ? "false" : "true";
        }
        throw new UntranslatableException("DEFAULT " + number + " for a boolean column");
      case INTEGER:
      case DECIMAL:
      case OTHER:
        return number;
      case JSON:
        return PgLiterals.string(number); // a JSON number; PostgreSQL has no integer-to-jsonb cast
      case TEXT:
        // SQLite stores the number and reads it back as text: "1.0" stays "1.0".
        return PgLiterals.string(number);
      case TIMESTAMPTZ:
        // pgloader's stamps table: EndTime DEFAULT 0 in a column of epoch numbers, planned
        // timestamptz. Zero is the Unix epoch in seconds, milliseconds and microseconds alike.
        if (new BigDecimal(number).signum() == 0) {
          return "'1970-01-01 00:00:00+00'::timestamptz";
        }
        throw new UntranslatableException(
            "numeric DEFAULT " + number + " for a " + targetType + " column");
      default:
        // pgloader's stamps table: StartTime DATETIME DEFAULT 0 stores the integer 0.
        throw new UntranslatableException(
            "numeric DEFAULT " + number + " for a " + targetType + " column");
    }
  }

  private static boolean isZeroOrOne(String number) {
    try {
      BigDecimal n = new BigDecimal(number);
      return n.compareTo(BigDecimal.ZERO) == 0 || n.compareTo(BigDecimal.ONE) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * A string default. Into numeric columns SQLite's affinity turns numeric text into a number
   * ({@code tinyint default '0'} stores 0); other text stays text, which a PostgreSQL number column
   * cannot hold: pgloader's {@code is_public integer default '"0"'}.
   */
  private String string(String value, TargetKind target) {
    switch (target) {
      case BOOLEAN:
        return switch (value.toLowerCase(Locale.ROOT)) {
          case "0", "false", "f" -> "false";
          case "1", "true", "t" -> "true";
          default ->
              throw new UntranslatableException("DEFAULT '" + value + "' for a boolean column");
        };
      case INTEGER:
      case DECIMAL:
        if (isNumber(value.trim())) {
          return new BigDecimal(value.trim()).toPlainString();
        }
        throw new UntranslatableException(
            "text DEFAULT "
                + PgLiterals.string(value)
                + " for a number column: SQLite stores it as text, PostgreSQL cannot");
      case BYTEA:
        throw new UntranslatableException("text DEFAULT for a bytea column");
      default:
        return PgLiterals.string(value);
    }
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s);
      return !s.isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static final Set<String> NOW_WORDS =
      Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME");

  private String word(String word, TargetKind target) {
    if (word.equals("NULL")) {
      return "NULL";
    }
    if (word.equals("TRUE") || word.equals("FALSE")) {
      boolean value = word.equals("TRUE");
      return switch (target) {
        case BOOLEAN -> value ? "true" : "false";
        case TEXT -> value ? "'1'" : "'0'"; // SQLite's TRUE is the integer 1
        case INTEGER, DECIMAL, OTHER -> value ? "1" : "0";
        default ->
            throw new UntranslatableException(
                "DEFAULT " + word + " for a " + targetType + " column");
      };
    }
    if (NOW_WORDS.contains(word)) {
      String format =
          word.equals("CURRENT_DATE")
              ? DateFormats.DATE
              : word.equals("CURRENT_TIME") ? DateFormats.TIME : DateFormats.DATETIME;
      return now(format, word, target);
    }
    throw new UntranslatableException("DEFAULT " + word + " is not a value");
  }

  /**
   * The current UTC time in the shape the column holds. SQLite's CURRENT_TIMESTAMP, datetime('now')
   * and strftime(..., 'now') are all UTC wall-clock text.
   */
  private String now(String toCharFormat, String what, TargetKind target) {
    switch (target) {
      case TEXT:
        return "to_char(" + DateFormats.NOW_UTC + ", " + PgLiterals.string(toCharFormat) + ")";
      case TIMESTAMPTZ:
        return "CURRENT_TIMESTAMP";
      case TIMESTAMP:
        return DateFormats.NOW_UTC;
      case DATE:
        return "(" + DateFormats.NOW_UTC + ")::date";
      case TIME:
        return "(" + DateFormats.NOW_UTC + ")::time(0)";
      default:
        throw new UntranslatableException(what + " as the DEFAULT of a " + targetType + " column");
    }
  }

  /**
   * Expression defaults. The time functions of 'now' follow the target type as above; anything else
   * goes through the expression translator, which knows no columns here.
   */
  private String expression(String text, TargetKind target) {
    List<SqlToken> tokens = tokenize(text);
    if (isTimeCall(tokens)) {
      return timeCall(text, tokens, target);
    }
    ExpressionWriter.Settings settings =
        new ExpressionWriter.Settings(
            Volatility.VOLATILE,
            false,
            DefaultTranslator::noTable,
            DefaultTranslator::noColumn,
            Set.of(),
            Set.of(),
            pgcrypto);
    ExpressionWriter writer = new ExpressionWriter(text, settings);
    return "(" + writer.writeTop(0, writer.tokens().size()) + ")";
  }

  private static final Set<String> TIME_FUNCTIONS =
      Set.of("datetime", "date", "time", "strftime", "unixepoch");

  /** name('literal', ...) with only string literals for arguments. */
  private static boolean isTimeCall(List<SqlToken> tokens) {
    if (tokens.size() < 3
        || tokens.get(0).kind() != Kind.WORD
        || !TIME_FUNCTIONS.contains(tokens.get(0).text().toLowerCase(Locale.ROOT))
        || !tokens.get(1).isOperator("(")
        || !tokens.get(tokens.size() - 1).isOperator(")")) {
      return false;
    }
    for (int i = 2; i < tokens.size() - 1; i++) {
      boolean expected =
          (i % 2 == 0) ? tokens.get(i).kind() == Kind.STRING : tokens.get(i).isOperator(",");
      if (!expected) {
        return false;
      }
    }
    return true;
  }

  private String timeCall(String text, List<SqlToken> tokens, TargetKind target) {
    String name = tokens.get(0).text().toLowerCase(Locale.ROOT);
    List<String> args =
        tokens.subList(2, tokens.size() - 1).stream()
            .filter(t -> t.kind() == Kind.STRING)
            .map(SqlToken::value)
            .toList();
    String format = name.equals("strftime") && !args.isEmpty() ? args.get(0) : null;
    List<String> time =
        name.equals("strftime") && !args.isEmpty() ? args.subList(1, args.size()) : args;
    boolean now = time.isEmpty() || (time.size() == 1 && time.get(0).equalsIgnoreCase("now"));
    if (!now) {
      // pgloader's datetime_default: DEFAULT(DATETIME('now', 'localtime')) depends on the time
      // zone of whichever machine inserted the row.
      throw new UntranslatableException(
          "DEFAULT " + text + ": only the current UTC time without " + "modifiers translates");
    }
    if (name.equals("unixepoch") || "%s".equals(format)) {
      if (target == TargetKind.INTEGER || target == TargetKind.DECIMAL) {
        return "(floor(extract(epoch FROM now()))::bigint)";
      }
      throw new UntranslatableException("DEFAULT " + text + " for a non-number column");
    }
    if (format == null) {
      return now(
          name.equals("date")
              ? DateFormats.DATE
              : name.equals("time") ? DateFormats.TIME : DateFormats.DATETIME,
          text,
          target);
    }
    if (target == TargetKind.TEXT) {
      return "to_char("
          + DateFormats.NOW_UTC
          + ", "
          + PgLiterals.string(DateFormats.toCharFormat(format))
          + ")";
    }
    boolean fullTimestamp =
        format.equals("%Y-%m-%d %H:%M:%S") || format.equals("%Y-%m-%d %H:%M:%f");
    if (fullTimestamp && (target == TargetKind.TIMESTAMP || target == TargetKind.TIMESTAMPTZ)) {
      // pgloader's appointments: time TIMESTAMP DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
      return now(DateFormats.DATETIME, text, target);
    }
    throw new UntranslatableException("DEFAULT " + text + " for a " + targetType + " column");
  }

  private static String noTable(String name) {
    throw new UntranslatableException("DEFAULT refers to " + name);
  }

  private static String noColumn(String name) {
    throw new UntranslatableException(
        "DEFAULT refers to a name, " + name + ", which SQLite rejects when it inserts");
  }
}
