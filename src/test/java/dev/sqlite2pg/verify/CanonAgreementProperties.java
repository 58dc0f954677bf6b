package dev.sqlite2pg.verify;

import static dev.sqlite2pg.testing.Seeded.bytes;
import static dev.sqlite2pg.testing.Seeded.decimals;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.ints;
import static dev.sqlite2pg.testing.Seeded.listOf;
import static dev.sqlite2pg.testing.Seeded.longs;
import static dev.sqlite2pg.testing.Seeded.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.ValueEncoder;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.Seeded;
import dev.sqlite2pg.testing.TestPostgres;
import dev.sqlite2pg.testing.ValuesRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Verification compares canonical bytes computed in Java ({@link RowCanon}, from the COPY field the
 * encoder sends) with the same computed by PostgreSQL ({@link PgCanon}, from what it stored). They
 * must agree for every value, or a faithful migration would verify as different.
 */
@NeedsServer
class CanonAgreementProperties {

  private static final AtomicInteger TABLES = new AtomicInteger();
  private static Connection conn;

  @BeforeAll
  static void connect() throws SQLException {
    conn = TestPostgres.connect(TestPostgres.newDatabase("canon"));
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  @Test
  void bigints() {
    forAll(
        "bigints",
        40,
        listOf(longs(), 100),
        values -> agree(PgType.BIGINT, EncoderOptions.DEFAULT, new ArrayList<>(values)));
  }

  @Test
  void doubles() {
    forAll(
        "doubles",
        40,
        listOf(Seeded.doubles(), 100),
        values -> agree(PgType.DOUBLE, EncoderOptions.DEFAULT, new ArrayList<>(values)));
  }

  @Test
  void numerics() {
    forAll(
        "numerics",
        40,
        listOf(decimals(), 100),
        values ->
            agree(
                PgType.NUMERIC,
                EncoderOptions.DEFAULT,
                new ArrayList<>(values.stream().map(BigDecimal::toString).toList())));
  }

  @Test
  void numericsFromReals() {
    forAll(
        "numericsFromReals",
        40,
        listOf(Seeded.doubles(), 100),
        values ->
            agree(
                PgType.NUMERIC,
                EncoderOptions.DEFAULT,
                new ArrayList<>(
                    values.stream()
                        .filter(
                            d ->
                                Double.isFinite(d)
                                    && Double.doubleToRawLongBits(d) != Long.MIN_VALUE)
                        .toList())));
  }

  /** Strings PostgreSQL's text can hold: no NUL, no lone surrogate (pairs are kept). */
  @Test
  void texts() {
    forAll(
        "texts",
        40,
        listOf(strings(40), 50),
        values ->
            agree(
                PgType.TEXT,
                EncoderOptions.DEFAULT,
                new ArrayList<>(
                    values.stream()
                        .filter(
                            s ->
                                s.indexOf(0) < 0
                                    && s.codePoints()
                                        .noneMatch(
                                            c ->
                                                c >= Character.MIN_SURROGATE
                                                    && c <= Character.MAX_SURROGATE))
                        .toList())));
  }

  @Test
  void blobs() {
    forAll(
        "blobs",
        40,
        listOf(bytes(255), 50),
        values -> agree(PgType.BYTEA, EncoderOptions.DEFAULT, new ArrayList<>(values)));
  }

  @Test
  void epochSecondsAsTimestamptz() {
    forAll(
        "epochSecondsAsTimestamptz",
        40,
        listOf(ints(Integer.MIN_VALUE, Integer.MAX_VALUE), 100),
        values ->
            agree(
                PgType.TIMESTAMPTZ,
                EncoderOptions.DEFAULT,
                new ArrayList<>(values.stream().map(Integer::longValue).toList())));
  }

  @Test
  void handPickedValues() throws Exception {
    agree(PgType.BOOLEAN, EncoderOptions.DEFAULT, java.util.Arrays.asList(0L, 1L, null));
    agree(
        PgType.TIMESTAMP,
        EncoderOptions.DEFAULT,
        java.util.Arrays.asList(
            "2024-01-01 00:00:00", "1999-12-31T23:59:59.999999", "0001-01-01", null));
    agree(PgType.DATE, EncoderOptions.DEFAULT, java.util.Arrays.asList("2024-02-29", "1900-01-01"));
    agree(
        PgType.JSONB,
        EncoderOptions.DEFAULT,
        java.util.Arrays.asList(
            "{\"bb\": 1, \"a\": [1.50, 1e2, -0, \"x\\ty\"], \"c\": {}}", "[]", "12", null));
    agree(
        new PgType(PgType.Kind.UUID, "uuid"),
        EncoderOptions.DEFAULT,
        java.util.Arrays.asList("123E4567-e89b-12d3-a456-426614174000"));
    agree(
        PgType.numeric(12, 2),
        EncoderOptions.DEFAULT,
        java.util.Arrays.asList(0L, 1.5, -12345.67, 9999999999.99, 100L));
    agree(
        PgType.NUMERIC,
        EncoderOptions.DEFAULT,
        java.util.Arrays.asList(
            "0.00005", "1e8", "-0.0001", "123456789.000100", "0", "1e-20", "1e20"));
  }

  private static void agree(PgType type, EncoderOptions opts, List<Object> values)
      throws SQLException, ConversionException {
    String table = "c" + TABLES.incrementAndGet();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id bigint, v " + type.sql() + ")");
    }
    ValueEncoder enc = Encoders.forType(type, opts);
    RowCanon canon = new RowCanon(List.of(type));
    BinaryCopyBuffer copy = new BinaryCopyBuffer(1 << 16);
    BinaryCopyBuffer one = new BinaryCopyBuffer(1024);
    List<String> expected = new ArrayList<>();
    copy.writeHeader();
    for (int i = 0; i < values.size(); i++) {
      ValuesRow row = ValuesRow.of(values.get(i));
      copy.startRow(2);
      copy.writeInt8(i);
      enc.encode(row, 0, copy);
      one.reset();
      one.startRow(1);
      enc.encode(row, 0, one);
      canon.read(one.array(), 0);
      String field = canon.field(0) + " " + canon.hash1() + " " + canon.hash2();
      long h1 = canon.hash1();
      long h2 = canon.hash2();
      canon.readHashes(one.array(), 0);
      assertThat(List.of(canon.hash1(), canon.hash2()))
          .as("hashes without the copy")
          .containsExactly(h1, h2);
      expected.add(field);
    }
    copy.writeTrailer();
    CopyIn in =
        conn.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
    copy.flushTo(in);
    in.endCopy();
    List<String> actual = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT encode("
                    + PgCanon.field("v", type)
                    + ", 'hex'), "
                    + PgCanon.hashes(PgCanon.row(List.of("v"), List.of(type)))
                    + " FROM "
                    + table
                    + " ORDER BY id")) {
      while (rs.next()) {
        actual.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
      }
    }
    assertThat(actual)
        .as("PostgreSQL's canonical bytes and row hashes vs Java's")
        .isEqualTo(expected);
  }
}
