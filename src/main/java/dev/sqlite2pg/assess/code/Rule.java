package dev.sqlite2pg.assess.code;

import dev.sqlite2pg.MigrationLevel;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of {@code code-rules.txt}: a construct that breaks or behaves differently on
 * PostgreSQL, where to look for it, and what to write instead.
 *
 * @param id a stable name (tests and fixtures refer to it)
 * @param languages the languages whose files it applies to; for SQL scopes, the language of the
 *     file the SQL was found in ({@code sql} for {@code .sql} files)
 * @param scope which text of the file the pattern is matched against
 * @param pattern the regular expression
 * @param construct the construct in a few words (the README's table)
 * @param postgres what PostgreSQL does with it
 * @param replacement what to write instead
 * @param level how much work it means
 */
record Rule(
    String id,
    Set<Language> languages,
    Scope scope,
    Pattern pattern,
    String construct,
    String postgres,
    String replacement,
    MigrationLevel level) {

  boolean appliesTo(Language language) {
    return languages.contains(language);
  }
}
