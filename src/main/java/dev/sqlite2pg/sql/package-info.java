/**
 * SQL as text, in both dialects: the SQLite tokenizer, identifier and literal quoting (the only way
 * a name enters SQL text), and the loader of the <code>.sql</code> resources.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.sql;
