package dev.sqlite2pg.assess.code;

import java.util.Arrays;

/** Which text of a file a rule's pattern is matched against ({@code in:} in the rules file). */
enum Scope {
  /** The program without comments and without the content of its strings: calls, imports. */
  CODE("code"),
  /** The program without comments, strings kept: connection strings, settings' values. */
  TEXT("text"),
  /** SQL (a {@code .sql} file, or a string that is SQL) without comments, literals kept. */
  SQL("sql"),
  /** SQL without comments and without the content of its {@code '...'} literals. */
  SQL_BARE("sql-bare");

  private final String word;

  Scope(String word) {
    this.word = word;
  }

  String word() {
    return word;
  }

  boolean isSql() {
    return this == SQL || this == SQL_BARE;
  }

  static Scope of(String word) {
    return Arrays.stream(values())
        .filter(s -> s.word.equals(word))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scope " + word));
  }
}
