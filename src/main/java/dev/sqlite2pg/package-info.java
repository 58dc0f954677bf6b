/**
 * The library's public API: {@link dev.sqlite2pg.Migrator} (configure, build, then plan, migrate or
 * verify), {@link dev.sqlite2pg.Targets} (where the data goes), and the options, results and the
 * one exception they use. Nothing outside this package is promised to stay the same.
 */
package dev.sqlite2pg;
