package dev.sqlite2pg.testing;

import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.Canonical;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.ValueEncoder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Puts source values through the real path: encode into a BinaryCopyBuffer, binary COPY into a
 * fresh one-column table of a real PostgreSQL, then read the rows back in order.
 */
public final class CopyRoundTrip implements AutoCloseable {

  /** Reads one value of the current row, column 1. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static final AtomicInteger TABLES = new AtomicInteger();
  private final Connection conn;

  public CopyRoundTrip(String hint) {
    try {
      conn = TestPostgres.connect(TestPostgres.newDatabase(hint));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Connection connection() {
    return conn;
  }

  /** Each value is one source row (one column); returns what PostgreSQL then holds. */
  public <T> List<T> roundTrip(PgType type, EncoderOptions opts, List<?> values, Reader<T> reader)
      throws SQLException, ConversionException {
    String table = "t" + TABLES.incrementAndGet();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id int, v " + type.sql() + ")");
    }
    copy(table, Encoders.forType(type, opts), values);
    List<T> out = new ArrayList<>(values.size());
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        out.add(reader.read(rs));
      }
    }
    try (Statement s = conn.createStatement()) {
      s.execute("DROP TABLE " + table);
    }
    if (out.size() != values.size()) {
      throw new AssertionError("Copied " + values.size() + " rows, read " + out.size());
    }
    return out;
  }

  /** The target canonicals after a round trip. */
  public List<String> canonicals(PgType type, EncoderOptions opts, List<?> values)
      throws SQLException, ConversionException {
    return roundTrip(type, opts, values, rs -> Canonical.ofTarget(rs, 1, type));
  }

  /** The source canonicals, for comparison with {@link #canonicals}. */
  public static List<String> sourceCanonicals(PgType type, EncoderOptions opts, List<?> values)
      throws ConversionException {
    List<String> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add(Canonical.ofSource(ValuesRow.of(v), 0, type, opts));
    }
    return out;
  }

  private void copy(String table, ValueEncoder encoder, List<?> values)
      throws SQLException, ConversionException {
    BinaryCopyBuffer buf = new BinaryCopyBuffer(1024);
    buf.writeHeader();
    int id = 0;
    for (Object v : values) {
      buf.startRow(2);
      buf.writeInt4(id++);
      encoder.encode(ValuesRow.of(v), 0, buf);
    }
    buf.writeTrailer();
    CopyIn in =
        conn.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + table + " (id, v) FROM STDIN (FORMAT binary)");
    try {
      buf.flushTo(in);
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
