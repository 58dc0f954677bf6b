package dev.sqlite2pg.translate;

import dev.sqlite2pg.sql.Identifiers;
import dev.sqlite2pg.sql.PgLiterals;
import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.SqlToken.Kind;
import dev.sqlite2pg.sql.SqlTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rewrites SQLite expression or query tokens as PostgreSQL text. Every parenthesised group is
 * written by a recursive call, so a subquery keeps its own FROM-clause state. Anything without a
 * faithful equivalent throws {@link UntranslatableException}.
 */
final class ExpressionWriter {

  /**
   * What a translation may contain and how names are spelled.
   *
   * @param allowed the most volatile function the context accepts
   * @param queries whether SELECT syntax is expected (views) or a bare expression
   * @param booleanColumns lower-case names of columns that are boolean in PostgreSQL
   * @param textColumns lower-case names of TEXT-affinity columns that are text in PostgreSQL
   * @param isColumn whether a name is a column of the table, for SQLite's double-quoted strings
   * @param columnKinds the planned PostgreSQL kind of each column, by lower-case SQLite name
   * @param server what the target offers
   * @param check whether this is a CHECK, where an error refuses the row as a false result does
   */
  record Settings(
      Volatility allowed,
      boolean queries,
      UnaryOperator<String> quoteTable,
      UnaryOperator<String> quoteColumn,
      Set<String> booleanColumns,
      Set<String> textColumns,
      boolean pgcrypto,
      java.util.function.Predicate<String> isColumn,
      Map<String, TargetKind> columnKinds,
      TargetServer server,
      boolean check) {

    /** The planned kind of a column; OTHER when the plan did not say. */
    TargetKind kind(String column) {
      return columnKinds.getOrDefault(column.toLowerCase(Locale.ROOT), TargetKind.OTHER);
    }

    /**
     * Settings where every name is taken to be a column and no column's type is known (DEFAULT
     * expressions).
     */
    Settings(
        Volatility allowed,
        boolean queries,
        UnaryOperator<String> quoteTable,
        UnaryOperator<String> quoteColumn,
        Set<String> booleanColumns,
        Set<String> textColumns,
        boolean pgcrypto) {
      this(
          allowed,
          queries,
          quoteTable,
          quoteColumn,
          booleanColumns,
          textColumns,
          pgcrypto,
          name -> true,
          Map.of(),
          TargetServer.UNKNOWN,
          false);
    }
  }

  /** A half-open range of token indexes. */
  record Range(int from, int to) {}

  /** Words written as keywords, never as names. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "SELECT",
          "DISTINCT",
          "ALL",
          "FROM",
          "WHERE",
          "GROUP",
          "BY",
          "HAVING",
          "ORDER",
          "ASC",
          "DESC",
          "LIMIT",
          "OFFSET",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "JOIN",
          "INNER",
          "LEFT",
          "RIGHT",
          "FULL",
          "OUTER",
          "CROSS",
          "NATURAL",
          "ON",
          "USING",
          "AS",
          "AND",
          "OR",
          "NOT",
          "NULL",
          "IS",
          "IN",
          "BETWEEN",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "EXISTS",
          "OVER",
          "PARTITION",
          "WINDOW",
          "TRUE",
          "FALSE",
          "FILTER",
          "ESCAPE");

  /** Window-frame words, keywords only inside OVER (...) since columns are often named so. */
  private static final Set<String> FRAME_WORDS =
      Set.of(
          "ROWS",
          "RANGE",
          "GROUPS",
          "PRECEDING",
          "FOLLOWING",
          "UNBOUNDED",
          "CURRENT",
          "ROW",
          "NULLS",
          "FIRST",
          "LAST",
          "EXCLUDE",
          "TIES",
          "OTHERS",
          "NO");

  /** Words after which a FROM-clause name is no longer a table alias. */
  private static final Set<String> CLAUSE_WORDS =
      Set.of(
          "WHERE",
          "GROUP",
          "ORDER",
          "HAVING",
          "LIMIT",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "WINDOW",
          "ON",
          "USING",
          "JOIN",
          "INNER",
          "LEFT",
          "RIGHT",
          "FULL",
          "CROSS",
          "NATURAL",
          "OUTER");

  private static final Set<String> JOIN_PREFIXES =
      Set.of("INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER");

  private final List<SqlToken> tokens;
  private final Settings settings;
  private final Map<String, String> aliases = new HashMap<>();
  private final FunctionTranslator functions = new FunctionTranslator(this);
  private final Map<Integer, String> literals;
  private int subqueryAliases;

  ExpressionWriter(String sql, Settings settings) {
    this.tokens = tokenize(sql);
    this.settings = settings;
    this.literals =
        ComparisonLiterals.find(tokens, settings.booleanColumns(), settings.textColumns());
  }

  private static List<SqlToken> tokenize(String sql) {
    try {
      return SqlTokenizer.tokenize(sql);
    } catch (IllegalArgumentException e) {
      throw new UntranslatableException("not valid SQLite SQL: " + e.getMessage());
    }
  }

  List<SqlToken> tokens() {
    return tokens;
  }

  Settings settings() {
    return settings;
  }

  SqlToken token(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
  }

  /**
   * Writes tokens [from, to). For queries, a first pass learns the table aliases, because the
   * SELECT list uses them before FROM defines them.
   */
  String writeTop(int from, int to) {
    if (settings.queries()) {
      write(from, to, false);
      subqueryAliases = 0;
    }
    return write(from, to, false);
  }

  String write(Range r) {
    return write(r.from(), r.to(), false);
  }

  /** Refuses a construct more volatile than the context allows. */
  void require(Volatility needed, String what) {
    if (needed.compareTo(settings.allowed()) > 0) {
      throw new UntranslatableException(
          what
              + " is "
              + needed.name().toLowerCase(Locale.ROOT)
              + " in PostgreSQL, and this place needs an "
              + settings.allowed().name().toLowerCase(Locale.ROOT)
              + " expression");
    }
  }

  private String write(int from, int to, boolean windowSpec) {
    Out out = new Out();
    FromState from0 = new FromState();
    for (int i = from; i < to; i++) {
      i = writeOne(i, to, out, from0, windowSpec);
    }
    return out.toString();
  }

  /** Writes the construct starting at token i and returns the index of its last token. */
  private int writeOne(int i, int to, Out out, FromState fs, boolean windowSpec) {
    SqlToken t = tokens.get(i);
    if (fs.expectAlias) {
      int next = alias(i, out, fs);
      if (next >= 0) {
        return next;
      }
    }
    if (t.isOperator("(")) {
      return group(i, to, out, fs);
    }
    if (t.isOperator(")")) {
      throw new UntranslatableException("unbalanced parentheses");
    }
    if (settings.queries() && t.kind() == Kind.WORD && queryWord(t, out, fs)) {
      return i;
    }
    if (settings.queries() && fs.inFrom && fs.expectTable && t.isName()) {
      return tableReference(i, out, fs);
    }
    if (t.isName()) {
      return name(i, to, out, windowSpec);
    }
    return literalOrOperator(i, out);
  }

  /** Clause keywords that move the FROM-clause state; false when t is not one. */
  private boolean queryWord(SqlToken t, Out out, FromState fs) {
    String word = t.upper();
    if (word.equals("WITH")) {
      throw new UntranslatableException("views with a WITH clause are not translated");
    }
    if (word.equals("FROM") || word.equals("JOIN")) {
      fs.inFrom = true;
      fs.expectTable = true;
      out.add(word);
      return true;
    }
    if (CLAUSE_WORDS.contains(word) || word.equals("SELECT")) {
      // INNER, LEFT, OUTER ... lead to a JOIN and stay in FROM; ON, WHERE, GROUP ... leave it.
      fs.inFrom = fs.inFrom && JOIN_PREFIXES.contains(word);
      fs.expectTable = false;
      out.add(word);
      return true;
    }
    return false;
  }

  private int tableReference(int i, Out out, FromState fs) {
    String name = tokens.get(i).value();
    if (isOperator(i + 1, "(")) {
      throw new UntranslatableException("table-valued function " + name + "() in FROM");
    }
    if (isOperator(i + 1, ".") && token(i + 2) != null && token(i + 2).isName()) {
      i += 2; // main.products: the schema has no meaning in PostgreSQL's target schema
      name = tokens.get(i).value();
    }
    out.add(settings.quoteTable().apply(name));
    fs.expectTable = false;
    fs.expectAlias = true;
    return i;
  }

  /**
   * A table alias after a FROM item ("customer AS cu", "[Products] p"); returns the last index
   * used, or -1 when token i is not an alias.
   */
  private int alias(int i, Out out, FromState fs) {
    fs.expectAlias = false;
    SqlToken t = tokens.get(i);
    int nameIndex = t.isWord("AS") ? i + 1 : i;
    SqlToken name = token(nameIndex);
    boolean isAlias =
        name != null
            && name.isName()
            && (nameIndex > i || name.kind() != Kind.WORD || !CLAUSE_WORDS.contains(name.upper()))
            && !(nameIndex == i && name.kind() == Kind.WORD && KEYWORDS.contains(name.upper()));
    if (isAlias) {
      aliases.putIfAbsent(name.value().toLowerCase(Locale.ROOT), name.value());
      out.add("AS");
      out.add(aliasName(name.value()));
      fs.subqueryNeedsAlias = false;
      return nameIndex;
    }
    if (fs.subqueryNeedsAlias) {
      // PostgreSQL before 16 rejects a subquery in FROM without an alias; PocketBase's views
      // are all "SELECT * FROM (select ...)".
      out.add("AS");
      out.add(Identifiers.quote("subquery" + (++subqueryAliases)));
      fs.subqueryNeedsAlias = false;
    }
    return -1;
  }

  private String aliasName(String name) {
    return Identifiers.quote(aliases.getOrDefault(name.toLowerCase(Locale.ROOT), name));
  }

  private int group(int i, int to, Out out, FromState fs) {
    int close = matching(i);
    boolean fromItem = settings.queries() && fs.inFrom && fs.expectTable;
    boolean window = i > 0 && tokens.get(i - 1).isWord("OVER");
    out.add("(" + write(i + 1, close, window) + ")");
    if (fromItem) {
      fs.expectTable = false;
      fs.expectAlias = true;
      fs.subqueryNeedsAlias = token(i + 1) != null && token(i + 1).isWord("SELECT");
      if (close + 1 >= to) {
        alias(close, out, fs); // nothing follows: add the alias now
      }
    }
    return close;
  }

  private int name(int i, int to, Out out, boolean windowSpec) {
    SqlToken t = tokens.get(i);
    if (isOperator(i + 1, "(") && t.kind() == Kind.WORD && !KEYWORDS.contains(t.upper())) {
      int close = matching(i + 1);
      out.add(functions.call(t.text().toLowerCase(Locale.ROOT), i, argumentRanges(i + 1, close)));
      return close;
    }
    if (isOperator(i + 1, ".")) {
      String qualifier = t.value();
      String written =
          aliases.containsKey(qualifier.toLowerCase(Locale.ROOT))
              ? aliasName(qualifier)
              : settings.quoteTable().apply(qualifier);
      SqlToken col = token(i + 2);
      boolean column =
          col != null
              && col.isName()
              && !isOperator(i + 3, "(")
              && !isOperator(i + 3, ".")
              && (isOperator(i - 1, "||") || isOperator(i + 3, "||"));
      if (column) {
        // Northwind-style views concatenate qualified columns: cast table.column as a whole.
        out.add(asText(col.value(), written + "." + settings.quoteColumn().apply(col.value())));
        return i + 2;
      }
      out.add(written);
      return i;
    }
    if (t.kind() == Kind.WORD && !isOperator(i - 1, ".")) {
      int done = keyword(i, to, out, windowSpec);
      if (done >= 0) {
        return done;
      }
    }
    return column(i, out);
  }

  /** Writes a keyword construct; -1 when the word is not a keyword here. */
  private int keyword(int i, int to, Out out, boolean windowSpec) {
    SqlToken t = tokens.get(i);
    String word = t.upper();
    switch (word) {
      case "IS":
        return is(i, out);
      case "ISNULL":
        out.add("IS NULL");
        return i;
      case "NOTNULL":
        out.add("IS NOT NULL");
        return i;
      case "LIKE":
        return like(i, out);
      case "GLOB":
        return glob(i, out);
      case "REGEXP":
      case "MATCH":
        throw new UntranslatableException(word + " has no PostgreSQL equivalent here");
      case "COLLATE":
        return collate(i, out);
      case "AS":
        out.add("AS");
        if (token(i + 1) != null && token(i + 1).isName()) {
          out.add(settings.quoteColumn().apply(tokens.get(i + 1).value())); // an output name
          return i + 1;
        }
        return i;
      case "CURRENT_TIMESTAMP":
      case "CURRENT_DATE":
      case "CURRENT_TIME":
        out.add(functions.currentTime(word));
        return i;
      default:
        break;
    }
    if (KEYWORDS.contains(word) || (windowSpec && FRAME_WORDS.contains(word))) {
      out.add(word);
      return i;
    }
    return -1;
  }

  /** SQLite's IS compares like IS NOT DISTINCT FROM unless the right side is NULL. */
  private int is(int i, Out out) {
    boolean not = token(i + 1) != null && token(i + 1).isWord("NOT");
    int right = not ? i + 2 : i + 1;
    SqlToken r = token(right);
    if (r != null && (r.isWord("NULL") || r.isWord("TRUE") || r.isWord("FALSE"))) {
      out.add(not ? "IS NOT" : "IS");
      return right - 1;
    }
    out.add(not ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM");
    return right - 1;
  }

  /**
   * SQLite's LIKE ignores ASCII case and has no escape character unless ESCAPE says so;
   * PostgreSQL's LIKE is case-sensitive and escapes with backslash. ILIKE also folds non-ASCII
   * letters, which SQLite does not: a known, documented difference.
   */
  private int like(int i, Out out) {
    SqlToken pattern = token(i + 1);
    if (pattern == null || pattern.kind() != Kind.STRING) {
      throw new UntranslatableException("LIKE with a pattern that is not a string literal");
    }
    out.add("ILIKE");
    out.add(PgLiterals.string(pattern.value()));
    boolean explicitEscape = token(i + 2) != null && token(i + 2).isWord("ESCAPE");
    if (!explicitEscape && pattern.value().indexOf('\\') >= 0) {
      out.add("ESCAPE ''");
    }
    return i + 1;
  }

  /** GLOB patterns become LIKE patterns when they use only * and ?, both case-sensitive. */
  private int glob(int i, Out out) {
    SqlToken pattern = token(i + 1);
    if (pattern == null || pattern.kind() != Kind.STRING) {
      throw new UntranslatableException("GLOB with a pattern that is not a string literal");
    }
    StringBuilder like = new StringBuilder();
    for (char c : pattern.value().toCharArray()) {
      switch (c) {
        case '*' -> like.append('%');
        case '?' -> like.append('_');
        case '[' ->
            throw new UntranslatableException(
                "GLOB character classes ([...]) have no LIKE equivalent");
        case '%', '_', '\\' -> like.append('\\').append(c);
        default -> like.append(c);
      }
    }
    out.add("LIKE");
    out.add(PgLiterals.string(like.toString()));
    return i + 1;
  }

  private int collate(int i, Out out) {
    SqlToken name = token(i + 1);
    String collation = name == null ? "" : name.value().toUpperCase(Locale.ROOT);
    if (collation.equals("BINARY")) {
      out.add("COLLATE \"C\""); // byte-wise, as SQLite's BINARY
      return i + 1;
    }
    throw new UntranslatableException(
        "COLLATE "
            + collation
            + " has no built-in PostgreSQL "
            + "collation with the same comparison");
  }

  /**
   * A column reference. SQLite reads a "double-quoted" name that is no column as a string: {@code
   * CHECK (s IN ("a", "b"))} on a table with a column a compares s with column a and the string 'b'
   * (checked with sqlite3).
   */
  private int column(int i, Out out) {
    SqlToken t = tokens.get(i);
    if (t.text().startsWith("\"") && !settings.isColumn().test(t.value())) {
      out.add(PgLiterals.string(t.value()));
      return i;
    }
    String quoted = settings.quoteColumn().apply(t.value());
    boolean concatenated = isOperator(i - 1, "||") || isOperator(i + 1, "||");
    out.add(concatenated ? asText(t.value(), quoted) : quoted);
    return i;
  }

  /**
   * An operand SQLite reads as text (an argument of length(), substr(), ..., or of ||), written so
   * that PostgreSQL reads the same text. SQLite converts any value to its text; PostgreSQL has no
   * length(bigint) or bigint || bigint, and its text of a boolean is "true" where SQLite's is "1".
   */
  String asText(Range r) {
    String written = write(r);
    SqlToken t = tokens.get(r.from());
    boolean column = r.to() == r.from() + 1 && t.isName() && settings.isColumn().test(t.value());
    return column ? asText(t.value(), written) : written;
  }

  private String asText(String column, String written) {
    TargetKind kind = settings.kind(column);
    return switch (kind) {
      case INTEGER -> "(" + written + ")::text";
      case BOOLEAN -> "(" + written + ")::integer::text";
      case DECIMAL, TIMESTAMP, TIMESTAMPTZ, DATE, TIME, JSON ->
          throw new UntranslatableException(
              "column "
                  + column
                  + " used as text: SQLite's text of the value it stored differs from"
                  + " PostgreSQL's text of a "
                  + (kind == TargetKind.DECIMAL
                      ? "double precision or numeric"
                      : kind.name().toLowerCase(Locale.ROOT))
                  + " value");
      default -> written;
    };
  }

  private int literalOrOperator(int i, Out out) {
    SqlToken t = tokens.get(i);
    switch (t.kind()) {
      case STRING:
        out.add(PgLiterals.string(t.value()));
        return i;
      case BLOB:
        out.add(PgLiterals.bytea(t.value()));
        return i;
      case NUMBER:
        return number(i, out);
      case PARAMETER:
        throw new UntranslatableException("bound parameter " + t.text());
      default:
        return operator(i, out);
    }
  }

  /** A number, unless a comparison needs it spelled differently (see ComparisonLiterals). */
  private int number(int i, Out out) {
    String replacement = literals.get(i);
    out.add(replacement != null ? replacement : PgLiterals.number(tokens.get(i).text()));
    return i;
  }

  private int operator(int i, Out out) {
    SqlToken t = tokens.get(i);
    switch (t.text()) {
      case "==":
        out.add("=");
        return i;
      case "->":
      case "->>":
        throw new UntranslatableException(
            "SQLite's JSON operator "
                + t.text()
                + " returns SQLite values that PostgreSQL's does not");
      case ";":
        return i;
      case "+":
      case "-":
        stringArithmetic(i);
        out.add(t.text());
        return i;
      default:
        out.add(t.text());
        return i;
    }
  }

  /**
   * Northwind's Invoices view adds strings: {@code (Employees.FirstName + ' ' +
   * Employees.LastName)}. SQLite turns both into numbers and yields 0; PostgreSQL refuses.
   */
  private void stringArithmetic(int i) {
    SqlToken before = token(i - 1);
    SqlToken after = token(i + 1);
    if ((before != null && before.kind() == Kind.STRING)
        || (after != null && after.kind() == Kind.STRING)) {
      throw new UntranslatableException(
          "arithmetic on a string literal ("
              + tokens.get(i).text()
              + " next to a quoted string): SQLite converts the text to a number, PostgreSQL "
              + "rejects it");
    }
  }

  /**
   * Whether the call spanning tokens [from, close] decides a CHECK's result directly: joined to the
   * rest by AND and OR only, inside plain parentheses, with no NOT or CASE anywhere (IS NOT NULL
   * aside), so that an error where it would be false refuses the same rows.
   */
  boolean decidesCheck(int from, int close) {
    for (int i = 0; i < tokens.size(); i++) {
      SqlToken t = tokens.get(i);
      boolean not = t.isWord("NOT") && !(i > 0 && tokens.get(i - 1).isWord("IS"));
      if (not || t.isWord("CASE") || t.isWord("IIF")) {
        return false;
      }
    }
    int before = from - 1;
    while (before >= 0 && isOperator(before, "(")) {
      SqlToken call = token(before - 1);
      if (call != null && call.isName() && !call.isWord("AND") && !call.isWord("OR")) {
        return false; // an argument of another function
      }
      before--;
    }
    int after = close + 1;
    while (isOperator(after, ")")) {
      after++;
    }
    return joins(token(before)) && joins(token(after));
  }

  private static boolean joins(SqlToken t) {
    return t == null || t.isWord("AND") || t.isWord("OR");
  }

  boolean isOperator(int i, String op) {
    SqlToken t = token(i);
    return t != null && t.isOperator(op);
  }

  /** The index of the ")" closing the "(" at {@code open}. */
  int matching(int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isOperator("(")) {
        depth++;
      } else if (tokens.get(i).isOperator(")") && --depth == 0) {
        return i;
      }
    }
    throw new UntranslatableException("unbalanced parentheses");
  }

  /** The comma-separated argument ranges between the parentheses at open and close. */
  List<Range> argumentRanges(int open, int close) {
    List<Range> args = new ArrayList<>();
    int start = open + 1;
    for (int i = open + 1; i < close; i++) {
      if (tokens.get(i).isOperator("(")) {
        i = matching(i);
      } else if (tokens.get(i).isOperator(",")) {
        args.add(new Range(start, i));
        start = i + 1;
      }
    }
    if (start < close || !args.isEmpty()) {
      args.add(new Range(start, close));
    }
    return args;
  }

  /** Where a FROM clause is at, within one parenthesis level. */
  private static final class FromState {
    boolean inFrom;
    boolean expectTable;
    boolean expectAlias;
    boolean subqueryNeedsAlias;
  }

  /** Joins output pieces with single spaces, except around ( ) , . and ::. */
  private static final class Out {
    private final StringBuilder sb = new StringBuilder();

    void add(String piece) {
      if (piece.isEmpty()) {
        return;
      }
      boolean glue =
          sb.length() == 0
              || sb.charAt(sb.length() - 1) == '('
              || sb.charAt(sb.length() - 1) == '.'
              || piece.startsWith(")")
              || piece.startsWith(",")
              || piece.startsWith(".");
      if (!glue) {
        sb.append(' ');
      }
      sb.append(piece);
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
