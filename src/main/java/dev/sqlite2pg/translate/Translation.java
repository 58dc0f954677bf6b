package dev.sqlite2pg.translate;

import java.util.Optional;

/**
 * The result of translating SQLite SQL to PostgreSQL: the PostgreSQL text, or the reason there is
 * none. An untranslatable input is never passed on as a string literal or as SQLite text.
 */
public sealed interface Translation {

  /** A faithful PostgreSQL equivalent. */
  record Ok(String pgSql) implements Translation {}

  /** No faithful equivalent; {@code reason} says what in the input stood in the way. */
  record Untranslatable(String reason) implements Translation {}

  static Translation ok(String pgSql) {
    return new Ok(pgSql);
  }

  static Translation untranslatable(String reason) {
    return new Untranslatable(reason);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The PostgreSQL text, when translated. */
  default Optional<String> sql() {
    return this instanceof Ok ok ? Optional.of(ok.pgSql()) : Optional.empty();
  }

  /** Why it did not translate; empty when it did. */
  default String reason() {
    return failure().orElse("");
  }

  /** The reason, when not translated. */
  default Optional<String> failure() {
    return this instanceof Untranslatable u ? Optional.of(u.reason()) : Optional.empty();
  }
}
