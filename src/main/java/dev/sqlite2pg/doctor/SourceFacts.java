package dev.sqlite2pg.doctor;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the doctor needs to know of the source (--source): its size, with its -wal file, and the
 * tables whose CHECKs call json_valid(), which only PostgreSQL 16 and later can keep (IS JSON;
 * translate.FunctionTranslator refuses it on 15).
 */
public record SourceFacts(Path path, long bytes, List<String> jsonValidTables) {

  public SourceFacts {
    jsonValidTables = List.copyOf(jsonValidTables);
  }

  public static SourceFacts read(Path path) {
    SqliteSource source = SqliteSource.open(path);
    return new SourceFacts(path, size(path), jsonValid(source, path));
  }

  private static long size(Path path) {
    try {
      Path wal = Path.of(path + "-wal");
      return Files.size(path) + (Files.exists(wal) ? Files.size(wal) : 0);
    } catch (IOException e) {
      throw new MigrationException(
          Code.SOURCE, "cannot read the size of " + path + ": " + e.getMessage(), e);
    }
  }

  private static List<String> jsonValid(SqliteSource source, Path path) {
    List<String> tables = new ArrayList<>();
    try (Connection c = source.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'table'"
                    + " AND lower(sql) LIKE '%json_valid%' ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw SqliteErrors.translate(path, e);
    }
    return tables;
  }
}
