package dev.sqlite2pg.sqlite;

import dev.sqlite2pg.catalog.Check;
import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.sql.SqlToken;
import dev.sqlite2pg.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code CREATE TABLE} statement from sqlite_master for what PRAGMA table_xinfo and
 * foreign_key_list leave out: collations, generated expressions, CHECKs, DEFERRABLE, WITHOUT ROWID
 * and STRICT. Lenient where SQLite is lenient: the corpus has constraints that SQLite accepted and
 * a strict grammar would not.
 */
public final class CreateTableParser {

  /** Words that end a column's type and start its constraints (SQLite's parse.y, ccons). */
  private static final Set<String> COLUMN_CONSTRAINT_START =
      Set.of(
          "CONSTRAINT",
          "PRIMARY",
          "NOT",
          "NULL",
          "UNIQUE",
          "CHECK",
          "DEFAULT",
          "COLLATE",
          "REFERENCES",
          "GENERATED",
          "AS");

  private static final Set<String> TABLE_CONSTRAINT_START =
      Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

  private final TokenCursor in;
  private final List<ColumnBuilder> columns = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();
  private final List<ParsedForeignKey> foreignKeys = new ArrayList<>();

  private CreateTableParser(String sql) {
    this.in = new TokenCursor(sql);
  }

  /**
   * Parses one CREATE TABLE statement as stored in sqlite_master.sql.
   *
   * @throws IllegalArgumentException when the text is not a CREATE TABLE with a column list
   */
  public static ParsedTable parse(String createTableSql) {
    return new CreateTableParser(createTableSql).table();
  }

  private ParsedTable table() {
    in.expectWord("CREATE");
    if (!in.acceptWord("TEMP")) {
      in.acceptWord("TEMPORARY");
    }
    in.expectWord("TABLE");
    in.acceptWords("IF", "NOT", "EXISTS");
    String name = qualifiedName();
    in.expectOperator("(");
    do {
      definition();
    } while (in.acceptOperator(","));
    in.expectOperator(")");
    boolean withoutRowid = false;
    boolean strict = false;
    while (!in.atEnd()) {
      if (in.acceptWords("WITHOUT", "ROWID")) {
        withoutRowid = true;
      } else if (in.acceptWord("STRICT")) {
        strict = true;
      } else {
        in.next(); // "," between options, or a trailing ";"
      }
    }
    return new ParsedTable(
        name,
        columns.stream().map(ColumnBuilder::build).toList(),
        List.copyOf(checks),
        List.copyOf(foreignKeys),
        withoutRowid,
        strict);
  }

  private String qualifiedName() {
    String name = in.expectName();
    if (in.acceptOperator(".")) {
      name = in.expectName(); // schema-qualified: main.t
    }
    return name;
  }

  /** One comma-separated item of the body: a column, or one or more table constraints. */
  private void definition() {
    SqlToken first = in.peek();
    boolean constraint =
        first != null
            && first.kind() == SqlToken.Kind.WORD
            && TABLE_CONSTRAINT_START.contains(first.upper());
    if (constraint) {
      // datasette's fixtures.py writes two constraints with no comma between them, which
      // SQLite's grammar accepts (tconscomma may be empty):
      //   FOREIGN KEY (foreign_key_with_no_label) REFERENCES primary_key_multiple_columns(id)
      //   FOREIGN KEY (foreign_key_compound_pk1, foreign_key_compound_pk2) REFERENCES ...
      while (!in.atEnd() && !in.peekOperator(",") && !in.peekOperator(")")) {
        tableConstraint();
      }
    } else {
      column();
    }
  }

  private void column() {
    ColumnBuilder c = new ColumnBuilder(in.expectName());
    c.declaredType = typeName();
    columns.add(c);
    Optional<String> constraintName = Optional.empty();
    while (!in.atEnd() && !in.peekOperator(",") && !in.peekOperator(")")) {
      if (in.acceptWord("CONSTRAINT")) {
        constraintName = Optional.of(in.expectName());
        continue;
      }
      columnConstraint(c, constraintName);
      constraintName = Optional.empty();
    }
  }

  /**
   * The declared type: names up to the first constraint word, plus an optional "(n[, m])".
   * pgloader's tests declare {@code x "double precision"}, {@code smallint unsigned} and {@code id
   * integer auto_increment primary key}; SQLite keeps all those words as the type.
   */
  private String typeName() {
    StringBuilder type = new StringBuilder();
    int last = -1;
    while (!in.atEnd()) {
      SqlToken t = in.peek();
      boolean typeWord =
          t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER
              || (t.kind() == SqlToken.Kind.WORD && !COLUMN_CONSTRAINT_START.contains(t.upper()));
      if (typeWord) {
        in.next();
        // SQLite keeps the type's own spacing (duckdb's "decimal (5, 2)") but drops quotes.
        type.append(last < 0 ? "" : in.sql().substring(last, t.start())).append(t.value());
        last = t.end();
      } else if (t.isOperator("(") && last >= 0) {
        in.parenthesizedText();
        int end = in.peek(-1).end();
        type.append(in.sql(), last, end);
        last = end;
      } else {
        break;
      }
    }
    return type.toString();
  }

  private void columnConstraint(ColumnBuilder c, Optional<String> name) {
    if (in.acceptWords("PRIMARY", "KEY")) {
      c.primaryKey = true;
      if (!in.acceptWord("ASC")) {
        in.acceptWord("DESC");
      }
      conflictClause();
      c.autoincrement |= in.acceptWord("AUTOINCREMENT");
    } else if (in.acceptWord("CHECK")) {
      c.checks.add(new Check(name, in.parenthesizedText()));
    } else if (in.acceptWord("DEFAULT")) {
      c.defaultSql = Optional.of(defaultText());
    } else if (in.acceptWord("COLLATE")) {
      c.collation = Optional.of(in.expectName().toUpperCase(Locale.ROOT));
    } else if (in.acceptWord("REFERENCES")) {
      foreignKeys.add(references(name, List.of(c.name)));
    } else if (in.acceptWords("GENERATED", "ALWAYS") || in.peekWord("AS")) {
      in.expectWord("AS");
      c.generatedSql = Optional.of(in.parenthesizedText());
      c.generated = in.acceptWord("STORED") ? Column.Generated.STORED : Column.Generated.VIRTUAL;
      in.acceptWord("VIRTUAL");
    } else if (in.acceptWords("NOT", "NULL") || in.acceptWord("NULL") || in.acceptWord("UNIQUE")) {
      conflictClause();
    } else {
      in.skipTerm(); // not SQLite syntax we know; SQLite accepted the table, so move on
    }
  }

  /** DEFAULT takes a parenthesised expression, a signed number, a literal or a bare word. */
  private String defaultText() {
    if (in.peekOperator("(")) {
      int start = in.peek().start();
      in.parenthesizedText();
      return in.sql().substring(start, in.peek(-1).end());
    }
    SqlToken t = in.next();
    if ((t.isOperator("-") || t.isOperator("+")) && !in.atEnd()) {
      return t.text() + in.next().text();
    }
    return t.text();
  }

  private void conflictClause() {
    if (in.acceptWords("ON", "CONFLICT")) {
      in.next();
    }
  }

  private void tableConstraint() {
    Optional<String> name = Optional.empty();
    if (in.acceptWord("CONSTRAINT")) {
      name = Optional.of(in.expectName());
    }
    if (in.acceptWords("PRIMARY", "KEY")) {
      primaryKeyColumns();
      conflictClause();
    } else if (in.acceptWord("UNIQUE")) {
      in.parenthesizedText();
      conflictClause();
    } else if (in.acceptWord("CHECK")) {
      checks.add(new Check(name, in.parenthesizedText()));
      conflictClause();
    } else if (in.acceptWords("FOREIGN", "KEY")) {
      List<String> from = nameList();
      in.expectWord("REFERENCES");
      foreignKeys.add(references(name, from));
    } else {
      in.skipTerm();
    }
  }

  /** {@code PRIMARY KEY (id AUTOINCREMENT)} is valid SQLite; the flag belongs to the column. */
  private void primaryKeyColumns() {
    in.expectOperator("(");
    while (!in.acceptOperator(")")) {
      SqlToken t = in.next();
      if (t.isName()
          && !t.isWord("AUTOINCREMENT")
          && !t.isWord("ASC")
          && !t.isWord("DESC")
          && !t.isWord("COLLATE")) {
        String columnName = t.value();
        boolean autoincrement = in.acceptWord("AUTOINCREMENT");
        for (ColumnBuilder c : columns) {
          if (c.name.equalsIgnoreCase(columnName)) {
            c.primaryKey = true;
            c.autoincrement |= autoincrement;
          }
        }
      } else if (t.isWord("COLLATE")) {
        in.next();
      }
    }
  }

  private List<String> nameList() {
    List<String> names = new ArrayList<>();
    in.expectOperator("(");
    do {
      names.add(in.expectName());
      while (!in.peekOperator(",") && !in.peekOperator(")")) {
        in.skipTerm(); // COLLATE x, ASC, DESC after a name
      }
    } while (in.acceptOperator(","));
    in.expectOperator(")");
    return names;
  }

  /** The foreign-key clause after REFERENCES (SQLite's parse.y: refargs, defer_subclause). */
  private ParsedForeignKey references(Optional<String> name, List<String> from) {
    String toTable = qualifiedName();
    List<String> to = in.peekOperator("(") ? nameList() : List.of();
    String onUpdate = "NO ACTION";
    String onDelete = "NO ACTION";
    boolean deferrable = false;
    boolean initiallyDeferred = false;
    while (true) {
      if (in.acceptWords("ON", "DELETE")) {
        onDelete = action();
      } else if (in.acceptWords("ON", "UPDATE")) {
        onUpdate = action();
      } else if (in.acceptWord("MATCH")) {
        in.next();
      } else if (in.acceptWords("NOT", "DEFERRABLE")) {
        initially(); // NOT DEFERRABLE INITIALLY DEFERRED is still not deferrable
        deferrable = false;
        initiallyDeferred = false;
      } else if (in.acceptWord("DEFERRABLE")) {
        deferrable = true;
        initiallyDeferred = initially();
      } else {
        break;
      }
    }
    return new ParsedForeignKey(
        foreignKeys.size(),
        name,
        from,
        toTable,
        to,
        onUpdate,
        onDelete,
        deferrable,
        initiallyDeferred);
  }

  /** INITIALLY DEFERRED or INITIALLY IMMEDIATE; true only for DEFERRED. */
  private boolean initially() {
    if (in.acceptWord("INITIALLY")) {
      return in.next().isWord("DEFERRED");
    }
    return false;
  }

  private String action() {
    if (in.acceptWords("SET", "NULL")) {
      return "SET NULL";
    }
    if (in.acceptWords("SET", "DEFAULT")) {
      return "SET DEFAULT";
    }
    if (in.acceptWords("NO", "ACTION")) {
      return "NO ACTION";
    }
    return in.next().upper();
  }

  /** Mutable while the column's constraints are read; frozen by {@link #build()}. */
  private static final class ColumnBuilder {
    final String name;
    String declaredType = "";
    Optional<String> collation = Optional.empty();
    Optional<String> defaultSql = Optional.empty();
    Column.Generated generated = Column.Generated.NONE;
    Optional<String> generatedSql = Optional.empty();
    final List<Check> checks = new ArrayList<>();
    boolean primaryKey;
    boolean autoincrement;

    ColumnBuilder(String name) {
      this.name = name;
    }

    ParsedColumn build() {
      return new ParsedColumn(
          name,
          declaredType,
          collation,
          defaultSql,
          generated,
          generatedSql,
          List.copyOf(checks),
          primaryKey,
          autoincrement);
    }
  }
}
