package dev.sqlite2pg.plan;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.catalog.Column;
import dev.sqlite2pg.catalog.Table;
import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.sqlite.SourceQueries;
import dev.sqlite2pg.sqlite.SqliteErrors;
import dev.sqlite2pg.sqlite.SqliteRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers the type rules' questions by reading one column of one table and running the copy's own
 * encoder over its values: a type is chosen only if the copy will accept every value.
 */
public final class SqliteValueProbe implements ValueProbe {

  private final Connection c;
  private final java.nio.file.Path file;
  private final Table table;
  private final boolean utf8;

  /**
   * @param file the user's SQLite file, which a failure names (its advice is for that file)
   */
  public SqliteValueProbe(Connection c, java.nio.file.Path file, Table table, boolean utf8) {
    this.c = c;
    this.file = file;
    this.table = table;
    this.utf8 = utf8;
  }

  @Override
  public Optional<String> firstMisfit(Column column, PgType type, EncoderOptions options) {
    ValueEncoder enc = Encoders.forType(type, options);
    BinaryCopyBuffer scratch = new BinaryCopyBuffer(1024);
    String sql =
        SourceQueries.select(table, List.of(column))
            + " WHERE "
            + quote(column.name())
            + " IS NOT NULL";
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      SqliteRow row = new SqliteRow(rs, utf8);
      while (row.next()) {
        scratch.reset();
        scratch.startRow(1);
        try {
          enc.encode(row, 1, scratch);
        } catch (ConversionException e) {
          return Optional.of(where(row) + e.getMessage());
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw SqliteErrors.translate(file, e);
    }
  }

  @Override
  public List<String> examples(Column column, String storageClass, int limit) {
    String sql =
        SourceQueries.select(table, List.of(column))
            + " WHERE typeof("
            + quote(column.name())
            + ") = ? LIMIT ?";
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, storageClass);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        SqliteRow row = new SqliteRow(rs, utf8);
        while (row.next()) {
          out.add(where(row) + dev.sqlite2pg.convert.Describe.value(row, 1));
        }
      }
    } catch (SQLException e) {
      out.add("(examples unavailable: " + e.getMessage() + ")");
    }
    return out;
  }

  private String where(SqliteRow row) {
    return table.withoutRowid() ? "" : "rowid " + row.getLong(0) + ": ";
  }
}
