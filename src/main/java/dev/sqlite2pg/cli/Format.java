package dev.sqlite2pg.cli;

/** {@code --format} of plan and schema: for a reader, or for a program. */
enum Format {
  TEXT,
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
