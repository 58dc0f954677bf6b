package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import java.util.Optional;

/**
 * How {@code migrate} and {@code verify} treat several SQLite files (issue 15): each into a schema
 * named after it, or, with {@code merge}, all into one set of tables with a tenant column.
 *
 * @param tenantColumn the column added to every merged table and key ({@code --tenant-column})
 * @param tenantFrom how a file's name gives its tenant value: empty for the name without its
 *     extension, else a regular expression whose first group (or whole match) is the value
 * @param shard this run's share of the files ({@code --shard K/N}), when the fleet is split
 * @param distributeBy the Citus distribution column ({@code --distribute-by}), the tenant column
 */
public record FleetOptions(
    boolean merge,
    Optional<String> tenantColumn,
    Optional<String> tenantFrom,
    Optional<Shard> shard,
    Optional<String> distributeBy) {

  /** Every file into its own schema, all files in this run. */
  public static final FleetOptions SCHEMA_PER_FILE =
      new FleetOptions(
          false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Refuses, in one line, the options that do not go together. */
  public FleetOptions {
    if (merge && tenantColumn.isEmpty()) {
      throw bad("--merge needs --tenant-column NAME: the column that tells the files' rows apart");
    }
    if (!merge && (tenantColumn.isPresent() || tenantFrom.isPresent())) {
      throw bad("--tenant-column and --tenant-from go with --merge");
    }
    if (distributeBy.isPresent() && !distributeBy.equals(tenantColumn)) {
      throw bad(
          "--distribute-by must name the tenant column ("
              + tenantColumn.orElse("pass --merge --tenant-column")
              + "): Citus co-locates the merged tables by it, and every key includes it");
    }
  }

  private static MigrationException bad(String message) {
    return new MigrationException(Code.BAD_ARGUMENTS, message);
  }

  /**
   * Shard {@code index} of {@code count} (1-based): the files whose name hashes to it. A file's
   * shard depends on its name only, so every machine splits a fleet the same way, whatever order or
   * directory it lists the files in.
   */
  public record Shard(int index, int count) {

    public Shard {
      if (count < 1 || index < 1 || index > count) {
        throw bad("--shard K/N needs 1 <= K <= N, not " + index + "/" + count);
      }
    }

    /** "3/8" as shard 3 of 8. */
    public static Shard parse(String text) {
      String[] parts = text.trim().split("/", -1);
      try {
        if (parts.length == 2) {
          return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }
      } catch (NumberFormatException e) {
        // the message below says what was expected
      }
      throw bad("--shard expects K/N (shard K of N, 1-based), not '" + text + "'");
    }

    /** Whether the file called {@code fileName} belongs to this shard. */
    public boolean holds(String fileName) {
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return crc.getValue() % count == index - 1;
    }

    @Override
    public String toString() {
      return index + "/" + count;
    }
  }
}
