package dev.sqlite2pg;

import java.nio.file.Path;

/**
 * One place in the application's code that breaks or behaves differently on PostgreSQL, found by
 * {@code sqlite2pg assess --code}.
 *
 * @param file the source file, as given under the scanned directory
 * @param line 1-based line number; 0 for a file that was not read (over 4 MB, unreadable), whose
 *     construct says why
 * @param construct what was found, as written there ({@code INSERT OR REPLACE}, {@code
 *     datetime('now')}, {@code sqlite3.connect})
 * @param postgres what PostgreSQL does with it instead
 * @param replacement what to write instead
 * @param level how much work it means
 */
public record CodeFinding(
    Path file,
    int line,
    String construct,
    String postgres,
    String replacement,
    MigrationLevel level) {}
