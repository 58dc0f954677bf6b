package dev.sqlite2pg;

/** A part of the schema script, like {@code pg_dump --section}. */
public enum SchemaSection {
  /** The schema and its tables, with their defaults. */
  PRE_DATA,
  /** Keys, indexes, constraints, foreign keys, sequences and views. */
  POST_DATA,
  /** Both. */
  ALL
}
