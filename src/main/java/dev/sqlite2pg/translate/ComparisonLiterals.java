package dev.sqlite2pg.translate;

import dev.sqlite2pg.sql.PgLiterals;
import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.SqlToken.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites numeric literals compared with a column whose PostgreSQL type makes the comparison
 * different, as SQLite's comparison affinity would have it (datatype3.html, 4.2):
 *
 * <ul>
 *   <li>a boolean column compared with 0 or 1 compares with false or true (pgloader's matviews:
 *       {@code WHERE active = 1});
 *   <li>a TEXT-affinity column compared with a number compares with the number's text, because
 *       SQLite applies the column's affinity to the literal (Northwind's {@code WHERE
 *       (((Products.Discontinued)=0))} on a TEXT column means {@code = '0'}).
 * </ul>
 *
 * Parentheses around either side do not matter, as in the Northwind example.
 */
final class ComparisonLiterals {

  private static final Set<String> COMPARISONS =
      Set.of("=", "==", "!=", "<>", "<", "<=", ">", ">=");

  private ComparisonLiterals() {}

  /** Replacement text by token index, for the numeric literals that need one. */
  static Map<Integer, String> find(
      List<SqlToken> tokens, Set<String> booleanColumns, Set<String> textColumns) {
    Map<Integer, String> replacements = new HashMap<>();
    if (booleanColumns.isEmpty() && textColumns.isEmpty()) {
      return replacements;
    }
    for (int k = 0; k < tokens.size(); k++) {
      SqlToken op = tokens.get(k);
      if (op.isWord("IN")) {
        inList(tokens, k, booleanColumns, textColumns, replacements);
        continue;
      }
      if (op.kind() != Kind.OPERATOR || !COMPARISONS.contains(op.text())) {
        continue;
      }
      int left = operand(tokens, k - 1, -1);
      int right = operand(tokens, k + 1, +1);
      if (left < 0 || right < 0) {
        continue;
      }
      pair(tokens, left, right, op, booleanColumns, textColumns, replacements);
      pair(tokens, right, left, op, booleanColumns, textColumns, replacements);
    }
    return replacements;
  }

  private static void pair(
      List<SqlToken> tokens,
      int column,
      int literal,
      SqlToken op,
      Set<String> booleanColumns,
      Set<String> textColumns,
      Map<Integer, String> replacements) {
    SqlToken c = tokens.get(column);
    SqlToken n = tokens.get(literal);
    if (!c.isName() || n.kind() != Kind.NUMBER) {
      return;
    }
    String name = c.value().toLowerCase(Locale.ROOT);
    if (booleanColumns.contains(name)) {
      boolean equality =
          !op.text().startsWith("<") && !op.text().startsWith(">") || op.text().equals("<>");
      if (!equality || !(n.text().equals("0") || n.text().equals("1"))) {
        throw new UntranslatableException(
            "boolean column "
                + c.value()
                + " compared ("
                + op.text()
                + ") with "
                + n.text()
                + ": only = and <> with 0 or 1 translate");
      }
      replacements.put(literal, n.text().equals("1") ? "true" : "false");
    } else if (textColumns.contains(name)) {
      replacements.put(literal, PgLiterals.string(n.text()));
    }
  }

  /**
   * {@code column [NOT] IN (literal, ...)}: each number is compared with the column as by {@code
   * =}. SpatiaLite's metadata tables have {@code CHECK (hidden IN (0,1))}; when the plan makes such
   * a column boolean, PostgreSQL refuses {@code boolean IN (integer, ...)}.
   */
  private static void inList(
      List<SqlToken> tokens,
      int in,
      Set<String> booleanColumns,
      Set<String> textColumns,
      Map<Integer, String> replacements) {
    boolean not = in > 0 && tokens.get(in - 1).isWord("NOT");
    int left = operand(tokens, not ? in - 2 : in - 1, -1);
    if (left < 0 || in + 1 >= tokens.size() || !tokens.get(in + 1).isOperator("(")) {
      return;
    }
    SqlToken eq = new SqlToken(Kind.OPERATOR, "=", 0, 1);
    for (int i = in + 2; i < tokens.size() && !tokens.get(i).isOperator(")"); i++) {
      SqlToken t = tokens.get(i);
      if (t.kind() == Kind.NUMBER) {
        pair(tokens, left, i, eq, booleanColumns, textColumns, replacements);
      } else if (!t.isOperator(",") && t.kind() != Kind.STRING) {
        return; // a subquery or an expression: left as written
      }
    }
  }

  /**
   * The index of the single token forming the operand next to a comparison, looking in {@code step}
   * direction through parentheses; -1 when the operand is anything larger than a name, a qualified
   * name or a number.
   */
  private static int operand(List<SqlToken> tokens, int start, int step) {
    int i = start;
    while (i >= 0 && i < tokens.size() && tokens.get(i).isOperator(step < 0 ? ")" : "(")) {
      i += step;
    }
    if (i < 0 || i >= tokens.size()) {
      return -1;
    }
    SqlToken t = tokens.get(i);
    boolean qualified = i >= 2 && tokens.get(i - 1).isOperator(".") && tokens.get(i - 2).isName();
    if (step < 0 && i < start && !plainGroup(tokens, qualified ? i - 2 : i, start - i)) {
      return -1; // length(hidden) = 1 compares length's result, not the column
    }
    if (t.kind() == Kind.NUMBER) {
      return bounded(tokens, i, step) ? i : -1;
    }
    if (!t.isName()) {
      return -1;
    }
    if (step > 0 && i + 2 < tokens.size() && tokens.get(i + 1).isOperator(".")) {
      i += 2; // table.column: the column is the last name
    }
    return bounded(tokens, i, step) ? i : -1;
  }

  /**
   * Whether the {@code depth} closing parentheses after token i close plain groups opened right
   * before it, and not a function call's argument list.
   */
  private static boolean plainGroup(List<SqlToken> tokens, int i, int depth) {
    for (int k = 1; k <= depth; k++) {
      if (i - k < 0 || !tokens.get(i - k).isOperator("(")) {
        return false;
      }
    }
    return i - depth - 1 < 0 || !tokens.get(i - depth - 1).isName();
  }

  /** True when the token beyond the operand does not extend it into a larger expression. */
  private static boolean bounded(List<SqlToken> tokens, int i, int step) {
    int beyond = i + step;
    if (step < 0
        && beyond - 1 >= 0
        && tokens.get(beyond).isOperator(".")
        && tokens.get(beyond - 1).isName()) {
      beyond -= 2; // table.column seen from the right
    }
    if (beyond < 0 || beyond >= tokens.size()) {
      return true;
    }
    SqlToken t = tokens.get(beyond);
    boolean arithmetic =
        t.kind() == SqlToken.Kind.OPERATOR
            && (t.text().equals("||") || "+-*/%&|<<>>~".contains(t.text()));
    return !arithmetic && !t.isOperator(".") && !(step > 0 && t.isOperator("("));
  }
}
