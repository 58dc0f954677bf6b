package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.CollationKind;
import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.SqlTokenizer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import org.sqlite.Collation;

/**
 * Stand-ins for the collations a schema names but only its application defines. Without them SQLite
 * refuses any statement that walks such an index or WITHOUT ROWID table ("no such collation
 * sequence: unicase", an Anki collection at STEP 2). The stand-in is registered on this tool's own
 * read-only connections only; it never writes, so it cannot corrupt an index built with the real
 * one. It decides the order in which SQLite walks a key and which keys a range search finds, so it
 * should agree with the real one as far as a name lets us guess: a case-insensitive comparison
 * (Unicode simple case folding, as the unicase crate folds) for names that say so, code-point order
 * (which is UTF-8 byte order, as BINARY) otherwise. The run warns about each.
 */
final class StandInCollations {

  private StandInCollations() {}

  /** The application-defined collation names in the schema, lower case. */
  static Set<String> named(Connection c) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sql FROM sqlite_master WHERE sql LIKE '%collate%' COLLATE NOCASE")) {
      while (rs.next()) {
        names.addAll(named(rs.getString(1)));
      }
    }
    return names;
  }

  static Set<String> named(String sql) {
    Set<String> names = new TreeSet<>();
    List<SqlToken> tokens;
    try {
      tokens = SqlTokenizer.tokenize(sql);
    } catch (IllegalArgumentException e) {
      return names; // the catalog reader reports a statement it cannot read
    }
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).isWord("COLLATE") && tokens.get(i + 1).isName()) {
        String name = tokens.get(i + 1).value();
        if (CollationKind.of(name).applicationDefined()) {
          names.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  static void register(Connection c, Set<String> names) throws SQLException {
    for (String name : names) {
      Collation.create(
          c,
          name,
          CollationKind.of(name) == CollationKind.APPLICATION_CASE_INSENSITIVE
              ? folded()
              : codePoints());
    }
  }

  /** Compares code point by code point, each seen through {@code key}. */
  private static final class ByCodePoint extends Collation {
    private final IntUnaryOperator key;

    ByCodePoint(IntUnaryOperator key) {
      this.key = key;
    }

    @Override
    protected int xCompare(String a, String b) {
      int i = 0;
      int j = 0;
      while (i < a.length() && j < b.length()) {
        int x = a.codePointAt(i);
        int y = b.codePointAt(j);
        int d = Integer.compare(key.applyAsInt(x), key.applyAsInt(y));
        if (d != 0) {
          return d;
        }
        i += Character.charCount(x);
        j += Character.charCount(y);
      }
      return Boolean.compare(i < a.length(), j < b.length());
    }
  }

  /** Unicode simple case folding. */
  static Collation folded() {
    return new ByCodePoint(cp -> Character.toLowerCase(Character.toUpperCase(cp)));
  }

  /**
   * Code-point order, which is the byte order of UTF-8 (Java's UTF-16 order is not, past U+FFFF).
   */
  static Collation codePoints() {
    return new ByCodePoint(cp -> cp);
  }
}
