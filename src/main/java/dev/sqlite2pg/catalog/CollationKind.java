package dev.sqlite2pg.catalog;

import java.util.Locale;

/**
 * What a COLLATE name means. SQLite has three collations of its own; any other name is one the
 * application registers on its own connections (Anki's {@code unicase}, a Unicode case-insensitive
 * comparison from Rust's unicase crate), which no other program can know. Its name is the only
 * hint: a name that says "case" (unicase, nocase_utf8, ignorecase) or ends in "_ci" (MySQL's habit)
 * is taken as case-insensitive, any other as binary.
 */
public enum CollationKind {
  BINARY,
  NOCASE,
  RTRIM,
  /** Defined by the application; by its name, a case-insensitive comparison. */
  APPLICATION_CASE_INSENSITIVE,
  /** Defined by the application; nothing known of it. */
  APPLICATION;

  public static CollationKind of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "binary" -> BINARY;
      case "nocase" -> NOCASE;
      case "rtrim" -> RTRIM;
      default ->
          n.contains("case") && !n.contains("sensitive") || n.endsWith("_ci")
              ? APPLICATION_CASE_INSENSITIVE
              : APPLICATION;
    };
  }

  public boolean applicationDefined() {
    return this == APPLICATION_CASE_INSENSITIVE || this == APPLICATION;
  }
}
