package dev.sqlite2pg.verify.jsonb;

import dev.sqlite2pg.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The oracle for JsonbText: a real PostgreSQL asked for {@code ?::jsonb::text}, each document bound
 * as a string parameter, many per query so that property tests stay fast.
 */
final class JsonbServer implements AutoCloseable {

  private static final int BATCH = 500;

  private final Connection connection;

  JsonbServer(String hint) throws SQLException {
    connection = TestPostgres.connect(TestPostgres.newDatabase(hint));
  }

  String render(String doc) throws SQLException {
    return render(List.of(doc)).get(0);
  }

  /** jsonb's text of every document, in order; one query per batch of documents. */
  List<String> render(List<String> docs) throws SQLException {
    List<String> out = new ArrayList<>(docs.size());
    for (int from = 0; from < docs.size(); from += BATCH) {
      List<String> batch = docs.subList(from, Math.min(docs.size(), from + BATCH));
      StringBuilder sql = new StringBuilder("SELECT v::jsonb::text FROM (VALUES ");
      for (int i = 0; i < batch.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", ?::text)");
      }
      sql.append(") AS t(n, v) ORDER BY n");
      try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < batch.size(); i++) {
          ps.setString(i + 1, batch.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  /** jsonb's text of UTF-8 bytes, decoded by the server itself. */
  String renderBytes(byte[] utf8) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT convert_from(?, 'UTF8')::jsonb::text")) {
      ps.setBytes(1, utf8);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** PostgreSQL's error for a document it refuses, empty when it accepts the document. */
  Optional<String> refusal(String doc) {
    try {
      render(doc);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  Optional<String> refusalOfBytes(byte[] utf8) {
    try {
      renderBytes(utf8);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
