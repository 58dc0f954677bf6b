package dev.sqlite2pg.convert.reverse;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.testing.TestPostgres;
import dev.sqlite2pg.testing.ValuesRow;
import dev.sqlite2pg.verify.ReverseCanon;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The whole way there and back for one column of values: stored in a real SQLite table of the
 * application's declared type; the column's shape learned from it; copied forward with the real
 * encoder by binary COPY into PostgreSQL; read back as pgjdbc's text; reversed; written into a
 * second SQLite table of the same declared type; then compared with the original (same typeof(),
 * same value to the bit) and, through verify's canonical hashing, with PostgreSQL's value.
 */
final class ReverseHarness implements AutoCloseable {

  /** What one column's values did. */
  record Outcome(
      int values,
      int forwardRefused,
      int reverseRefused,
      int exact,
      int hashAgrees,
      int exactWithCurrent,
      long reverseNanos,
      ColumnShape shape,
      List<String> problems) {

    /** Every value went there and back unchanged, and verify agrees with PostgreSQL on it. */
    boolean allExact() {
      return exact == values && hashAgrees == values;
    }
  }

  private static final AtomicInteger TABLES = new AtomicInteger();
  private final Connection pg;
  private final Connection sqlite;

  ReverseHarness(String hint, Path dir) throws SQLException {
    pg = TestPostgres.connect(TestPostgres.newDatabase(hint));
    try (Statement s = pg.createStatement()) {
      // The session rollback reads PostgreSQL in.
      s.execute("SET TimeZone = 'UTC'");
      s.execute("SET DateStyle = ISO");
    }
    sqlite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(hint + ".db"));
  }

  /** {@code values} bound into a column declared {@code declared}, and back. */
  Outcome run(String declared, PgType type, EncoderOptions opts, List<?> values)
      throws SQLException {
    String n = "c" + TABLES.incrementAndGet();
    List<Object> stored = store(n + "_src", declared, values);
    ReverseValue reverse = ReverseValue.forColumn(sqlite, n + "_src", "v", type, opts);
    ColumnShape shape = reverse.shape();
    List<Integer> copied = copy(n, type, opts, stored);
    List<String> problems = new ArrayList<>();
    List<Object> back = new ArrayList<>();
    List<String> pgFields = new ArrayList<>();
    int refused = 0;
    List<Object> kept = new ArrayList<>();
    long nanos = 0;
    try (Statement s = pg.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT v, "
                    + ReverseCanon.targetFieldSql("v", type)
                    + " FROM "
                    + n
                    + " ORDER BY id")) {
      while (rs.next()) {
        long start = System.nanoTime();
        try {
          back.add(reverse.read(rs, 1));
          nanos += System.nanoTime() - start;
        } catch (ReverseException e) {
          refused++;
          back.add(new Refused(e.getMessage()));
          note(problems, "refused: " + e.getMessage());
        }
        pgFields.add(rs.getString(2));
        // An updated row: its SQLite value is at hand, and kept where it means the same.
        Object original = stored.get(copied.get(back.size() - 1));
        try {
          kept.add(reverse.read(rs, 1, original));
        } catch (ReverseException e) {
          kept.add(new Refused(e.getMessage()));
        }
      }
    }
    List<Object> rewritten = store(n + "_dst", declared, back);
    List<Object> keptStored = store(n + "_kept", declared, kept);
    int withCurrent = 0;
    int exact = 0;
    int agrees = 0;
    for (int i = 0; i < copied.size(); i++) {
      Object original = stored.get(copied.get(i));
      Object again = rewritten.get(i);
      withCurrent += kept.get(i) instanceof Refused || !same(original, keptStored.get(i)) ? 0 : 1;
      if (back.get(i) instanceof Refused) {
        continue;
      }
      if (same(original, again)) {
        exact++;
      } else {
        note(problems, "differs: " + show(original) + " came back as " + show(again));
      }
      try {
        if (ReverseCanon.sourceField(type, opts, again).equals(pgFields.get(i))) {
          agrees++;
        } else {
          note(problems, "hash differs: " + show(again) + " vs PostgreSQL " + pgFields.get(i));
        }
      } catch (ConversionException e) {
        note(problems, "does not encode again: " + show(again) + ": " + e.getMessage());
      }
    }
    return new Outcome(
        copied.size(),
        stored.size() - copied.size(),
        refused,
        exact,
        agrees,
        withCurrent,
        nanos,
        shape,
        problems);
  }

  /** A value the reverse refused: nothing is written for it. */
  private record Refused(String reason) {}

  private List<Object> store(String table, String declared, List<?> values) throws SQLException {
    try (Statement s = sqlite.createStatement()) {
      s.execute("CREATE TABLE " + quote(table) + " (id INTEGER PRIMARY KEY, v " + declared + ")");
    }
    sqlite.setAutoCommit(false); // one transaction: a corpus column has up to 20,000 values
    try (PreparedStatement ps =
        sqlite.prepareStatement("INSERT INTO " + quote(table) + " (id, v) VALUES (?, ?)")) {
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        ps.setInt(1, i);
        ps.setObject(2, v instanceof Refused ? null : v);
        ps.executeUpdate();
      }
      sqlite.commit();
    } finally {
      sqlite.setAutoCommit(true);
    }
    List<Object> out = new ArrayList<>();
    try (Statement s = sqlite.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT typeof(v), v FROM " + quote(table) + " ORDER BY id")) {
      while (rs.next()) {
        out.add(
            switch (rs.getString(1)) {
              case "integer" -> rs.getLong(2);
              case "real" -> rs.getDouble(2);
              case "blob" -> rs.getBytes(2);
              case "null" -> null;
              default -> rs.getString(2);
            });
      }
    }
    return out;
  }

  /** Binary COPY of the values the forward encoder takes; returns their positions. */
  private List<Integer> copy(String table, PgType type, EncoderOptions opts, List<Object> values)
      throws SQLException {
    try (Statement s = pg.createStatement()) {
      if (type.kind() == PgType.Kind.ENUM) {
        s.execute("DROP TYPE IF EXISTS " + type.sql() + " CASCADE");
        s.execute(
            "CREATE TYPE "
                + type.sql()
                + " AS ENUM ("
                + String.join(", ", type.labels().stream().map(l -> "'" + l + "'").toList())
                + ")");
      }
      s.execute("CREATE TABLE " + table + " (id int, v " + type.sql() + ")");
    }
    ValueEncoder enc = Encoders.forType(type, opts);
    BinaryCopyBuffer buf = new BinaryCopyBuffer(1024);
    buf.writeHeader();
    List<Integer> copied = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      buf.startRow(2);
      buf.writeInt4(i);
      try {
        enc.encode(ValuesRow.of(values.get(i)), 0, buf);
        copied.add(i);
      } catch (ConversionException e) {
        buf.rollbackRow();
      }
    }
    buf.writeTrailer();
    CopyIn in =
        pg.unwrap(PGConnection.class)
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
    return copied;
  }

  /** Same storage class and the same value: doubles to the bit, texts and bytes exactly. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    String kind = Storage.of(v).name().toLowerCase(java.util.Locale.ROOT);
    String text =
        v instanceof byte[] b ? "x'" + java.util.HexFormat.of().formatHex(b) + "'" : v.toString();
    return kind + " " + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
  }

  private static void note(List<String> problems, String p) {
    if (problems.size() < 5) {
      problems.add(p);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      sqlite.close();
    } finally {
      pg.close();
    }
  }
}
