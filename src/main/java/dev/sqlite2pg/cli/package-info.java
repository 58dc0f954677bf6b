/**
 * The command line: picocli commands and mixins, exit codes, terminal and JSON output. Uses the
 * root package's API only, as a library user would.
 */
package dev.sqlite2pg.cli;
