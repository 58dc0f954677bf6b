package dev.sqlite2pg.pg.state;

import dev.sqlite2pg.MigrateOptions;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.catalog.Catalog;
import dev.sqlite2pg.plan.Cast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a run's result depends on, and a hash of it: the source file (path, size, modification time,
 * its -wal), its schema, and the options that shape the target. {@code --resume} continues only a
 * run with the same fingerprint (not to be confused with verify's row-set fingerprints).
 */
public record RunFingerprint(String hash, String detail) {

  public static RunFingerprint of(String detail) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(detail.getBytes(StandardCharsets.UTF_8));
      return new RunFingerprint(HexFormat.of().formatHex(d), detail);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The fingerprint of a run of {@code o} over {@code source}, whose schema is {@code catalog}.
   *
   * @param casts the --cast rules as parsed (their text is part of the fingerprint)
   */
  public static RunFingerprint of(
      Path source, Catalog catalog, MigrateOptions o, List<Cast> casts) {
    Path p = source.toAbsolutePath().normalize();
    StringBuilder schemaSql = new StringBuilder();
    catalog.tables().forEach(t -> schemaSql.append(t.sql()).append('\n'));
    catalog.others().forEach(x -> schemaSql.append(x.sql()).append('\n'));
    String schemaHash = of(schemaSql.toString()).hash().substring(0, 16);
    try {
      return of(
          String.join(
                  ", ",
                  "source " + p,
                  "size " + Files.size(p),
                  "modified " + Files.getLastModifiedTime(p),
                  wal(p),
                  "schema " + schemaHash,
                  "target schema " + o.schema(),
                  "tables " + o.tables(),
                  "exclude " + o.exclude(),
                  "casts " + casts,
                  "keep-case " + o.keepCase(),
                  "data-only " + o.dataOnly(),
                  "only " + o.only(),
                  "source zone " + o.sourceZone())
              + ifExists(o));
    } catch (IOException e) {
      throw new MigrationException(Code.SOURCE, "Cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * A run that kept the target's rows must be resumed the same way: its tables that are not
   * committed may hold rows that were there before it. Said only when not the default, so a run
   * without the option keeps the fingerprint it had before the option existed.
   */
  private static String ifExists(MigrateOptions o) {
    return o.ifExists() == MigrateOptions.IfExists.FAIL ? "" : ", if-exists " + o.ifExists();
  }

  /** Writes still in a -wal file change the data without touching the main file. */
  private static String wal(Path p) throws IOException {
    Path w = Path.of(p + "-wal");
    return Files.exists(w)
        ? "wal " + Files.size(w) + " bytes " + Files.getLastModifiedTime(w)
        : "no wal";
  }
}
