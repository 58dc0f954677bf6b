package dev.sqlite2pg.translate;

import dev.sqlite2pg.sql.PgLiterals;
import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.SqlToken.Kind;
import dev.sqlite2pg.translate.ExpressionWriter.Range;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SQLite function calls in PostgreSQL terms. A function is translated only where PostgreSQL's has
 * the same result for the values SQLite would see; anything else is refused by name.
 */
final class FunctionTranslator {

  /** Same name, same arguments, same result. */
  /** Same name and result, on text: arguments that are non-text columns are cast (asText). */
  private static final Set<String> SAME_ON_TEXT =
      Set.of("lower", "upper", "length", "replace", "trim", "ltrim", "rtrim");

  private static final Set<String> SAME =
      Set.of(
          "abs",
          "coalesce",
          "nullif",
          "count",
          "sum",
          "avg",
          "row_number",
          "rank",
          "dense_rank",
          "percent_rank",
          "cume_dist",
          "ntile",
          "lag",
          "lead",
          "first_value",
          "last_value",
          "nth_value");

  private static final Set<String> AGGREGATE_OR_SCALAR = Set.of("max", "min");

  private static final Set<String> NEEDS_ARGUMENTS =
      Set.of("cast", "ifnull", "instr", "round", "total", "group_concat", "hex", "json_valid");

  private final ExpressionWriter w;

  FunctionTranslator(ExpressionWriter w) {
    this.w = w;
  }

  /** Translates {@code name(args)}; {@code at} is the index of the name token. */
  String call(String name, int at, List<Range> args) {
    if (name.equals("lower") && args.size() == 1 && w.token(args.get(0).from()).isWord("hex")) {
      String hex = w.write(args.get(0));
      if (hex.startsWith("upper(encode(")) { // hex() translates only randomblob()
        return hex.substring("upper(".length(), hex.length() - 1); // already lower case
      }
      return "lower(" + hex + ")";
    }
    if (SAME_ON_TEXT.contains(name)) {
      return name + "(" + args.stream().map(w::asText).collect(Collectors.joining(", ")) + ")";
    }
    if (SAME.contains(name)) {
      return name + "(" + writeArgs(args) + ")";
    }
    if (AGGREGATE_OR_SCALAR.contains(name)) {
      if (args.size() != 1) {
        // SQLite's max(a, b) is NULL when any argument is; greatest() skips NULLs.
        throw new UntranslatableException(
            "scalar "
                + name
                + "() with several arguments treats "
                + "NULL differently from PostgreSQL's "
                + (name.equals("max") ? "greatest" : "least"));
      }
      return name + "(" + writeArgs(args) + ")";
    }
    if (args.isEmpty() && NEEDS_ARGUMENTS.contains(name)) {
      throw new UntranslatableException(name + "() without arguments");
    }
    switch (name) {
      case "cast":
        return cast(args);
      case "ifnull":
        return "coalesce(" + writeArgs(args) + ")";
      case "instr":
        return "strpos(" + args.stream().map(w::asText).collect(Collectors.joining(", ")) + ")";
      case "iif":
        expectArgs(name, args, 3);
        return "CASE WHEN "
            + w.write(args.get(0))
            + " THEN "
            + w.write(args.get(1))
            + " ELSE "
            + w.write(args.get(2))
            + " END";
      case "substr":
      case "substring":
        return substr(args);
      case "round":
        // PostgreSQL rounds a double half-to-even; SQLite and numeric round half away from zero.
        return "round(("
            + w.write(args.get(0))
            + ")::numeric"
            + (args.size() > 1 ? ", " + w.write(args.get(1)) : "")
            + ")";
      case "total":
        return "coalesce(sum(" + writeArgs(args) + ")::double precision, 0)";
      case "group_concat":
        return groupConcat(args);
      case "json_extract":
        return jsonExtract(args);
      case "json_valid":
        expectArgs(name, args, 1);
        return jsonValid(at, args.get(0));
      case "datetime":
      case "date":
      case "time":
        return dateFunction(name, args);
      case "strftime":
        return strftime(args);
      case "hex":
        return hex(args);
      case "randomblob":
        return randomBytes(args);
      case "typeof":
        throw new UntranslatableException(
            "typeof() reports SQLite storage classes, which " + "PostgreSQL columns do not have");
      case "random":
        throw new UntranslatableException(
            "random() is a 64-bit integer in SQLite and a double " + "in PostgreSQL");
      default:
        throw new UntranslatableException("function " + name + "() has no PostgreSQL translation");
    }
  }

  /**
   * Django's JSONField: {@code CHECK ((JSON_VALID("metadata") OR "metadata" IS NULL))}. With one
   * argument SQLite checks RFC 8259 JSON and gives NULL for NULL.
   *
   * <ul>
   *   <li>A json or jsonb column holds only JSON: valid unless NULL.
   *   <li>PostgreSQL 16 and later: {@code IS JSON}, the same test.
   *   <li>Older servers (Debian 12 ships 15) have neither IS JSON nor pg_input_is_valid(). In a
   *       CHECK, where the call decides the result directly (no NOT, CASE or comparison around it),
   *       the cast to json stands in: it refuses the row with an error where the test would refuse
   *       it with a violation, and json's input accepts the same grammar.
   * </ul>
   */
  private String jsonValid(int at, Range arg) {
    SqlToken t = w.token(arg.from());
    boolean column = arg.to() == arg.from() + 1 && t.isName();
    String value = w.write(arg);
    if (column && w.settings().kind(t.value()) == TargetKind.JSON) {
      return "(" + value + " IS NOT NULL OR NULL)";
    }
    if (w.settings().server().hasIsJson()) {
      return "((" + value + ") IS JSON)";
    }
    if (w.settings().check() && w.decidesCheck(at, w.matching(at + 1))) {
      return "((" + value + ")::json IS NOT NULL OR NULL)";
    }
    throw new UntranslatableException(
        "json_valid() needs IS JSON (PostgreSQL 16 and later) here; this server is "
            + (w.settings().server().major() == 0
                ? "unknown"
                : "PostgreSQL " + w.settings().server().major()));
  }

  /** CURRENT_TIMESTAMP and friends: UTC text in SQLite, so UTC text here too. */
  String currentTime(String keyword) {
    w.require(Volatility.STABLE, keyword);
    String format =
        switch (keyword) {
          case "CURRENT_DATE" -> DateFormats.DATE;
          case "CURRENT_TIME" -> DateFormats.TIME;
          default -> DateFormats.DATETIME;
        };
    return nowText(format);
  }

  private String writeArgs(List<Range> args) {
    return args.stream().map(w::write).collect(Collectors.joining(", "));
  }

  private static void expectArgs(String name, List<Range> args, int count) {
    if (args.size() != count) {
      throw new UntranslatableException(name + "() with " + args.size() + " arguments");
    }
  }

  /** CAST(x AS type), with the type mapped by SQLite's affinity rules. */
  private String cast(List<Range> args) {
    Range r = args.get(0);
    for (int i = r.from(); i < r.to(); i++) {
      if (w.token(i).isWord("AS")) {
        String type = typeText(i + 1, r.to());
        return "CAST(" + w.write(new Range(r.from(), i)) + " AS " + castType(type) + ")";
      }
    }
    throw new UntranslatableException("CAST without AS");
  }

  private String typeText(int from, int to) {
    StringBuilder type = new StringBuilder();
    for (int i = from; i < to; i++) {
      type.append(w.token(i).value()).append(' ');
    }
    return type.toString().trim().toUpperCase(Locale.ROOT);
  }

  /**
   * SQLite's affinity rules (datatype3.html, 3.1) applied to a CAST target. SQLite's CAST never
   * fails ('abc' AS INTEGER is 0) where PostgreSQL's raises an error: values that SQLite would
   * silently turn into 0 make the PostgreSQL query fail instead of returning something else.
   */
  static String castType(String sqliteType) {
    if (sqliteType.contains("INT")) {
      return "bigint";
    }
    if (sqliteType.contains("CHAR") || sqliteType.contains("CLOB") || sqliteType.contains("TEXT")) {
      return "text";
    }
    if (sqliteType.contains("BLOB") || sqliteType.isEmpty()) {
      return "bytea";
    }
    if (sqliteType.contains("REAL") || sqliteType.contains("FLOA") || sqliteType.contains("DOUB")) {
      return "double precision";
    }
    return "numeric";
  }

  /** substr with positions SQLite and PostgreSQL agree on: a literal start of 1 or more. */
  private String substr(List<Range> args) {
    if (args.size() < 2 || args.size() > 3) {
      throw new UntranslatableException("substr() with " + args.size() + " arguments");
    }
    for (Range r : args.subList(1, args.size())) {
      SqlToken t = w.token(r.from());
      boolean positiveLiteral =
          r.to() == r.from() + 1
              && t.kind() == Kind.NUMBER
              && !t.text().contains(".")
              && !t.text().equals("0");
      if (!positiveLiteral) {
        throw new UntranslatableException(
            "substr() with a computed or non-positive position or "
                + "length: SQLite counts those from the end, PostgreSQL does not");
      }
    }
    return "substr(" + w.asText(args.get(0)) + ", " + writeArgs(args.subList(1, args.size())) + ")";
  }

  /** group_concat(x [, sep]) is string_agg over text; the default separator is ",". */
  private String groupConcat(List<Range> args) {
    Range first = args.get(0);
    String distinct = "";
    if (w.token(first.from()).isWord("DISTINCT")) {
      distinct = "DISTINCT ";
      first = new Range(first.from() + 1, first.to());
    }
    String separator = args.size() > 1 ? w.write(args.get(1)) : "','";
    return "string_agg(" + distinct + "(" + w.write(first) + ")::text, " + separator + ")";
  }

  /**
   * json_extract(x, '$.a.b') as {@code ((x)::jsonb #>> '{a,b}')}. This assumes the column holds
   * JSON text (or json/jsonb) and returns text, where SQLite returns numbers as numbers; equal for
   * comparisons with text and for indexing, which is what the corpus uses it for (PocketBase:
   * {@code JSON_EXTRACT(`data`, '$.auth')}).
   */
  private String jsonExtract(List<Range> args) {
    expectArgs("json_extract", args, 2);
    Range path = args.get(1);
    SqlToken p = w.token(path.from());
    if (path.to() != path.from() + 1 || p.kind() != Kind.STRING) {
      throw new UntranslatableException("json_extract() with a path that is not a literal");
    }
    return "(("
        + w.write(args.get(0))
        + ")::jsonb #>> "
        + PgLiterals.string(jsonPath(p.value()))
        + ")";
  }

  /** '$.a[0].b' as '{a,0,b}'; quoted keys and other path forms are refused. */
  static String jsonPath(String path) {
    if (!path.startsWith("$")) {
      throw new UntranslatableException("JSON path " + path + " does not start with $");
    }
    StringBuilder elements = new StringBuilder();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      int end;
      if (c == '.') {
        end = i + 1;
        while (end < path.length()
            && (Character.isLetterOrDigit(path.charAt(end)) || path.charAt(end) == '_')) {
          end++;
        }
        append(elements, path.substring(i + 1, end), path);
        i = end;
      } else if (c == '[') {
        end = path.indexOf(']', i);
        String index = end < 0 ? "" : path.substring(i + 1, end);
        if (!index.matches("[0-9]+")) {
          throw new UntranslatableException(
              "JSON path " + path + " uses an index PostgreSQL " + "paths cannot express");
        }
        append(elements, index, path);
        i = end + 1;
      } else {
        throw new UntranslatableException("JSON path " + path + " is not a plain key path");
      }
    }
    return "{" + elements + "}";
  }

  private static void append(StringBuilder elements, String element, String path) {
    if (element.isEmpty()) {
      throw new UntranslatableException("JSON path " + path + " is not a plain key path");
    }
    elements.append(elements.length() == 0 ? "" : ",").append(element);
  }

  /** datetime('now'), datetime('1997-01-01'), datetime(column); modifiers are refused. */
  private String dateFunction(String name, List<Range> args) {
    String format =
        name.equals("date")
            ? DateFormats.DATE
            : name.equals("time") ? DateFormats.TIME : DateFormats.DATETIME;
    if (args.isEmpty() || isNow(args.get(0))) {
      rejectModifiers(name, args);
      w.require(Volatility.STABLE, name + "('now')");
      return nowText(format);
    }
    rejectModifiers(name, args);
    Optional<String> constant = literal(args.get(0)).flatMap(v -> DateFormats.fold(name, v));
    if (constant.isPresent()) {
      return PgLiterals.string(constant.get());
    }
    return columnText(name, args.get(0), format);
  }

  /** strftime(format [, time]) with a literal format. */
  private String strftime(List<Range> args) {
    Optional<String> format = args.isEmpty() ? Optional.empty() : literal(args.get(0));
    if (format.isEmpty()) {
      throw new UntranslatableException("strftime() with a format that is not a literal");
    }
    String pgFormat = DateFormats.toCharFormat(format.get());
    List<Range> rest = args.subList(1, args.size());
    if (rest.isEmpty() || isNow(rest.get(0))) {
      rejectModifiers("strftime", rest);
      w.require(Volatility.STABLE, "strftime() of 'now'");
      return nowText(pgFormat);
    }
    rejectModifiers("strftime", rest);
    return columnText("strftime", rest.get(0), pgFormat);
  }

  /**
   * A date function over a column: {@code to_char((x)::timestamp, format)}. This assumes the column
   * holds ISO-8601 text or a timestamp; SQLite would read numbers as Julian days. The cast from
   * text is only STABLE in PostgreSQL, so indexes cannot use it: PocketBase's {@code
   * strftime('%Y-%m-%d %H:00:00', `created`)} index is reported, not guessed.
   */
  private String columnText(String name, Range value, String format) {
    w.require(Volatility.STABLE, name + "() over a value (the text-to-timestamp cast)");
    return "to_char((" + w.write(value) + ")::timestamp, " + PgLiterals.string(format) + ")";
  }

  private static String nowText(String format) {
    return "to_char(" + DateFormats.NOW_UTC + ", " + PgLiterals.string(format) + ")";
  }

  private void rejectModifiers(String name, List<Range> args) {
    if (args.size() > 1) {
      throw new UntranslatableException(name + "() with modifiers (" + w.write(args.get(1)) + ")");
    }
  }

  private boolean isNow(Range r) {
    return literal(r).filter(v -> v.equalsIgnoreCase("now")).isPresent();
  }

  private Optional<String> literal(Range r) {
    SqlToken t = w.token(r.from());
    return r.to() == r.from() + 1 && t.kind() == Kind.STRING
        ? Optional.of(t.value())
        : Optional.empty();
  }

  /**
   * hex(randomblob(n)) as upper-case hex of n random bytes; PocketBase's id default is {@code
   * ('r'||lower(hex(randomblob(7))))}. PostgreSQL's random bytes come from pgcrypto.
   */
  private String hex(List<Range> args) {
    Range r = args.isEmpty() ? new Range(0, 0) : args.get(0);
    SqlToken first = w.token(r.from());
    if (args.size() == 1 && first != null && first.isWord("randomblob")) {
      return "upper(encode(" + w.write(r) + ", 'hex'))";
    }
    throw new UntranslatableException(
        "hex() of anything but randomblob(): SQLite encodes the "
            + "value's storage bytes, which depend on its SQLite type");
  }

  private String randomBytes(List<Range> args) {
    w.require(Volatility.VOLATILE, "randomblob()");
    if (w.settings().pgcrypto()) {
      return "gen_random_bytes(" + writeArgs(args) + ")";
    }
    return uuidBytes(args);
  }

  /** More than any schema in the corpus asks for (PocketBase: 7), and a short expression. */
  private static final int MAX_UUID_BYTES = 48;

  /**
   * randomblob(n) without pgcrypto: the first 6 bytes of gen_random_uuid() (core since PostgreSQL
   * 13, from the same strong random source as gen_random_bytes()) are all random; a version-4
   * UUID's 7th byte holds the version. So n bytes are ceil(n/6) such pieces, cut to n. PocketBase
   * ids ({@code 'r'||lower(hex(randomblob(7)))}, 6 tables in pocketbase_data.db) keep their default
   * this way without CREATE EXTENSION, which the target may not allow.
   */
  private String uuidBytes(List<Range> args) {
    Range n = args.size() == 1 ? args.get(0) : null;
    SqlToken t = n == null ? null : w.token(n.from());
    int count =
        t != null && n.to() == n.from() + 1 && t.kind() == Kind.NUMBER && t.text().matches("\\d+")
            ? Integer.parseInt(t.text())
            : -1;
    if (count < 1 || count > MAX_UUID_BYTES) {
      throw new UntranslatableException(
          "randomblob() of other than a literal 1 to "
              + MAX_UUID_BYTES
              + " bytes needs pgcrypto's gen_random_bytes() (CREATE EXTENSION pgcrypto), which is"
              + " not enabled");
    }
    List<String> pieces = new java.util.ArrayList<>();
    for (int left = count; left > 0; left -= 6) {
      pieces.add("substring(uuid_send(gen_random_uuid()) from 1 for " + Math.min(6, left) + ")");
    }
    return pieces.size() == 1 ? pieces.get(0) : "(" + String.join(" || ", pieces) + ")";
  }
}
