package dev.sqlite2pg;

/**
 * How much work a finding of {@code sqlite2pg assess} means, after ora2pg's migration levels: from
 * nothing to do to code a person rewrites.
 */
public enum MigrationLevel {
  /** The tool does it; nothing to do. */
  AUTOMATIC("automatic"),
  /** The tool does it, and a person should read what it did. */
  WARNING("automatic, with a warning"),
  /** A person chooses (a type, a cast, a collation, what to do with bad rows). */
  DECISION("needs a decision"),
  /** Code or SQL a person rewrites by hand. */
  REWRITE("needs rewriting");

  private final String label;

  MigrationLevel(String label) {
    this.label = label;
  }

  /** The words a report prints. */
  public String label() {
    return label;
  }
}
