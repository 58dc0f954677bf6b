package dev.sqlite2pg.assess.code;

import java.util.Locale;

/** The languages a rule names in {@code code-rules.txt}. */
enum Language {
  PYTHON,
  JAVASCRIPT,
  JAVA,
  RUBY,
  GO,
  PHP,
  SQL,
  /** Settings and dependency files: YAML, .env, properties, TOML, INI, JSON, XML, Prisma. */
  CONFIG;

  /** The name the rules file uses. */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
