package dev.sqlite2pg.translate;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Translates SQLite SQL found in a schema (DEFAULTs, CHECKs, index expressions and predicates,
 * generated columns, views) to PostgreSQL, or says why it cannot. It rewrites tokens, never
 * strings, and spells every name through the caller's quoting functions, which own name folding.
 *
 * <p>Column hints: SQLite stores booleans as 0 and 1, and schemas compare with them ({@code WHERE
 * active = 1}). Columns named in {@code booleanColumns} are boolean in PostgreSQL, and a comparison
 * of such a column with 0 or 1 becomes a comparison with false or true. Columns named in {@code
 * textColumns} have TEXT affinity in SQLite and are text in PostgreSQL; SQLite compares them with a
 * number as with the number's text, and so does the translation. Names are matched without their
 * table, case-insensitively; other uses are left alone.
 */
public final class SqlTranslator {

  private final Set<String> booleanColumns;
  private final Set<String> textColumns;
  private final boolean pgcrypto;
  private final Map<String, TargetKind> columnKinds;
  private final TargetServer server;

  /** A translator that knows no column types and cannot use pgcrypto. */
  public SqlTranslator() {
    this(Set.of(), Set.of(), false);
  }

  /** A translator that knows the boolean columns only. */
  public SqlTranslator(Set<String> booleanColumns, boolean pgcryptoAvailable) {
    this(booleanColumns, Set.of(), pgcryptoAvailable);
  }

  /**
   * @param booleanColumns SQLite names of columns that are boolean in PostgreSQL
   * @param textColumns SQLite names of TEXT-affinity columns that are text in PostgreSQL
   * @param pgcryptoAvailable whether the target has pgcrypto, whose gen_random_bytes() stands in
   *     for randomblob() (PocketBase's ids: {@code ('r'||lower(hex(randomblob(7))))})
   */
  public SqlTranslator(
      Set<String> booleanColumns, Set<String> textColumns, boolean pgcryptoAvailable) {
    this.booleanColumns = lowerCase(booleanColumns);
    this.textColumns = lowerCase(textColumns);
    this.pgcrypto = pgcryptoAvailable;
    this.columnKinds = Map.of();
    this.server = TargetServer.UNKNOWN;
  }

  /**
   * A translator that knows every column's planned PostgreSQL type, so that it writes what
   * PostgreSQL accepts with the meaning SQLite gave: a boolean compared with 0 or 1 is compared
   * with false or true, {@code length(x)} of a bigint column reads {@code x::text}.
   *
   * @param columnTypes PostgreSQL type text (as the plan has it) by SQLite column name
   * @param textColumns SQLite names of TEXT-affinity columns that are text in PostgreSQL
   * @param pgcryptoAvailable as for {@link #SqlTranslator(Set, Set, boolean)}
   * @param server what the target offers (IS JSON from PostgreSQL 16)
   */
  public SqlTranslator(
      Map<String, String> columnTypes,
      Set<String> textColumns,
      boolean pgcryptoAvailable,
      TargetServer server) {
    Map<String, TargetKind> kinds = new HashMap<>();
    columnTypes.forEach((n, t) -> kinds.put(n.toLowerCase(Locale.ROOT), TargetKind.of(t)));
    this.columnKinds = Map.copyOf(kinds);
    this.booleanColumns =
        kinds.entrySet().stream()
            .filter(e -> e.getValue() == TargetKind.BOOLEAN)
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());
    this.textColumns = lowerCase(textColumns);
    this.pgcrypto = pgcryptoAvailable;
    this.server = Objects.requireNonNull(server, "No target server provided");
  }

  /**
   * A column DEFAULT for a column of PostgreSQL type {@code pgTargetTypeSql}.
   *
   * @param sqliteDefault the default as PRAGMA table_info or the CREATE TABLE text has it
   */
  public Translation translateDefault(String sqliteDefault, String pgTargetTypeSql) {
    Objects.requireNonNull(sqliteDefault, "No DEFAULT text provided");
    Objects.requireNonNull(pgTargetTypeSql, "No target type provided");
    return run(() -> new DefaultTranslator(pgcrypto).translate(sqliteDefault, pgTargetTypeSql));
  }

  /**
   * A CHECK expression, a partial-index predicate or an index key expression. PostgreSQL needs
   * immutable expressions in all of these, so anything depending on the clock or a
   * text-to-timestamp cast is refused. A table-qualified column is refused as well: the qualifier's
   * spelling after name folding is not this translator's to decide.
   */
  public Translation translateExpression(String sqliteExpr, UnaryOperator<String> quoteColumn) {
    return expression(sqliteExpr, quoteColumn, name -> true, false);
  }

  /**
   * A CHECK expression: as {@link #translateExpression(String, UnaryOperator)}, and where a test
   * only refuses rows, an error that refuses the same rows may stand in for it (json_valid() on
   * PostgreSQL before 16). A CHECK that only says what the column's type already guarantees is not
   * translated, and the reason says so: Django's {@code JSON_VALID("c") OR "c" IS NULL} on a column
   * planned as jsonb.
   */
  public Translation translateCheck(String sqliteExpr, UnaryOperator<String> quoteColumn) {
    Optional<String> json = JsonValidCheck.column(sqliteExpr);
    if (json.isPresent()
        && columnKinds.get(json.get().toLowerCase(Locale.ROOT)) == TargetKind.JSON) {
      return Translation.untranslatable(
          "enforced by the column type: " + json.get() + " is json, which holds only valid JSON");
    }
    return expression(sqliteExpr, quoteColumn, name -> true, true);
  }

  /**
   * As {@link #translateExpression(String, UnaryOperator)}, knowing the table's columns: a
   * "double-quoted" name that is none of them is a string in SQLite, and becomes one here.
   *
   * @param tableColumns the SQLite names of the table's columns, matched case-insensitively
   */
  public Translation translateExpression(
      String sqliteExpr, Set<String> tableColumns, UnaryOperator<String> quoteColumn) {
    Set<String> columns = lowerCase(tableColumns);
    return expression(
        sqliteExpr, quoteColumn, name -> columns.contains(name.toLowerCase(Locale.ROOT)), false);
  }

  /**
   * A generated column's expression. SQLite already forbids non-deterministic functions there;
   * PostgreSQL further needs immutable ones, checked as for {@link #translateExpression}.
   */
  public Translation translateGenerated(String sqliteExpr, UnaryOperator<String> quoteColumn) {
    return expression(sqliteExpr, quoteColumn, name -> true, false);
  }

  /**
   * A {@code CREATE VIEW} statement. Table and view names go through {@code quoteTable}, column
   * names and output names through {@code quoteColumn}; table aliases ("customer AS cu") are quoted
   * as written and matched case-insensitively.
   */
  public Translation translateView(
      String createViewSql, UnaryOperator<String> quoteTable, UnaryOperator<String> quoteColumn) {
    return translateView(createViewSql, List.of(), quoteTable, quoteColumn);
  }

  /**
   * As {@link #translateView(String, UnaryOperator, UnaryOperator)}, naming the view's columns as
   * SQLite does ({@code sqliteColumnNames} from PRAGMA table_info of the view).
   */
  public Translation translateView(
      String createViewSql,
      List<String> sqliteColumnNames,
      UnaryOperator<String> quoteTable,
      UnaryOperator<String> quoteColumn) {
    Objects.requireNonNull(createViewSql, "No CREATE VIEW text provided");
    ExpressionWriter.Settings settings =
        new ExpressionWriter.Settings(
            Volatility.STABLE,
            true,
            quoteTable,
            quoteColumn,
            booleanColumns,
            textColumns,
            pgcrypto,
            name -> true,
            columnKinds,
            server,
            false);
    return run(() -> ViewTranslator.translate(createViewSql, sqliteColumnNames, settings));
  }

  private Translation expression(
      String sqliteExpr,
      UnaryOperator<String> quoteColumn,
      java.util.function.Predicate<String> isColumn,
      boolean check) {
    Objects.requireNonNull(sqliteExpr, "No expression provided");
    ExpressionWriter.Settings settings =
        new ExpressionWriter.Settings(
            Volatility.IMMUTABLE,
            false,
            SqlTranslator::noQualifier,
            quoteColumn,
            booleanColumns,
            textColumns,
            pgcrypto,
            isColumn,
            columnKinds,
            server,
            check);
    return run(
        () -> {
          ExpressionWriter w = new ExpressionWriter(sqliteExpr, settings);
          if (w.tokens().stream().anyMatch(t -> t.isWord("SELECT"))) {
            throw new UntranslatableException("subqueries are not allowed here in PostgreSQL");
          }
          return w.writeTop(0, w.tokens().size());
        });
  }

  private static Set<String> lowerCase(Set<String> names) {
    return names.stream()
        .map(n -> n.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String noQualifier(String table) {
    throw new UntranslatableException("table-qualified column reference (" + table + ".)");
  }

  private static Translation run(java.util.function.Supplier<String> translation) {
    try {
      return Translation.ok(translation.get());
    } catch (UntranslatableException e) {
      return Translation.untranslatable(e.getMessage());
    }
  }
}
