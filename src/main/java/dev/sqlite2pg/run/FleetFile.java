package dev.sqlite2pg.run;

import java.nio.file.Path;

/**
 * One SQLite file of a fleet: where it is, and the schema or tenant its name gives it.
 *
 * @param unit what names its rows in the target: its schema, or its tenant value (--merge)
 */
public record FleetFile(Path path, String unit) {

  public String name() {
    return path.getFileName().toString();
  }
}
