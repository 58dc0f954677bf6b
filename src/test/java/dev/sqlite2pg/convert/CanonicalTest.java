package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CopyRoundTrip;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.ValuesRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle must see the small corruptions a lossy migration makes: each case stores a slightly
 * wrong value in PostgreSQL and checks that the canonicals differ, while the right value gives
 * equal canonicals.
 */
@NeedsServer
class CanonicalTest {

  private static CopyRoundTrip pg;

  @BeforeAll
  static void start() {
    pg = new CopyRoundTrip("canonical");
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  /** The target canonical of a value PostgreSQL computes from {@code sqlExpr}. */
  private static String target(String sqlExpr, PgType type) throws Exception {
    Connection c = pg.connection();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (" + sqlExpr + ")::" + type.sql())) {
      rs.next();
      return Canonical.ofTarget(rs, 1, type);
    }
  }

  private static String source(Object value, PgType type) throws ConversionException {
    return Canonical.ofSource(ValuesRow.of(value), 0, type, EncoderOptions.DEFAULT);
  }

  @Test
  void doubleChangedInItsLastBitOrSign() throws Exception {
    assertThat(target("0.1::float8", PgType.DOUBLE)).isEqualTo(source(0.1, PgType.DOUBLE));
    assertThat(target("0.10000000000000002::float8", PgType.DOUBLE))
        .isNotEqualTo(source(0.1, PgType.DOUBLE));
    assertThat(target("'-0'::float8", PgType.DOUBLE)).isEqualTo(source(-0.0, PgType.DOUBLE));
    assertThat(target("'0'::float8", PgType.DOUBLE)).isNotEqualTo(source(-0.0, PgType.DOUBLE));
    assertThat(target("'NaN'::float8", PgType.DOUBLE)).isEqualTo(source(Double.NaN, PgType.DOUBLE));
  }

  @Test
  void emptyTextNullAndTrailingSpace() throws Exception {
    assertThat(target("''", PgType.TEXT)).isEqualTo(source("", PgType.TEXT));
    assertThat(target("NULL", PgType.TEXT)).isNotEqualTo(source("", PgType.TEXT));
    assertThat(target("''", PgType.TEXT)).isNotEqualTo(source(null, PgType.TEXT));
    assertThat(target("E'\\\\N'", PgType.TEXT)).isNotEqualTo(source(null, PgType.TEXT));
    assertThat(target("E'\\\\N'", PgType.TEXT)).isEqualTo(source("\\N", PgType.TEXT));
    assertThat(target("'abc'", PgType.TEXT)).isNotEqualTo(source("abc ", PgType.TEXT));
    assertThat(target("'abc '", PgType.TEXT)).isEqualTo(source("abc ", PgType.TEXT));
  }

  @Test
  void flippedByteInBytea() throws Exception {
    byte[] blob = {0, 1, 2, (byte) 0xFF};
    assertThat(target("'\\x000102ff'::bytea", PgType.BYTEA)).isEqualTo(source(blob, PgType.BYTEA));
    assertThat(target("'\\x000103ff'::bytea", PgType.BYTEA))
        .isNotEqualTo(source(blob, PgType.BYTEA));
    assertThat(target("'\\x000102'::bytea", PgType.BYTEA)).isNotEqualTo(source(blob, PgType.BYTEA));
  }

  @Test
  void timestampMovedByOneMicrosecond() throws Exception {
    String s = "2024-05-01 10:00:00.123456";
    assertThat(target("'2024-05-01 10:00:00.123456+00'", PgType.TIMESTAMPTZ))
        .isEqualTo(source(s, PgType.TIMESTAMPTZ));
    assertThat(target("'2024-05-01 10:00:00.123457+00'", PgType.TIMESTAMPTZ))
        .isNotEqualTo(source(s, PgType.TIMESTAMPTZ));
    assertThat(target("'2024-05-01 10:00:00.123456'", PgType.TIMESTAMP))
        .isEqualTo(source(s, PgType.TIMESTAMP));
    assertThat(target("'2024-05-01 10:00:00.123455'", PgType.TIMESTAMP))
        .isNotEqualTo(source(s, PgType.TIMESTAMP));
    assertThat(target("'2024-05-01 11:00:00.123456+01'", PgType.TIMESTAMPTZ))
        .isEqualTo(source(s, PgType.TIMESTAMPTZ));
    assertThat(target("'2024-05-02'", PgType.DATE)).isNotEqualTo(source("2024-05-01", PgType.DATE));
  }

  @Test
  void booleanFlipped() throws Exception {
    assertThat(target("true", PgType.BOOLEAN)).isEqualTo(source(1L, PgType.BOOLEAN));
    assertThat(target("false", PgType.BOOLEAN)).isNotEqualTo(source(1L, PgType.BOOLEAN));
    assertThat(target("NULL", PgType.BOOLEAN)).isNotEqualTo(source(0L, PgType.BOOLEAN));
  }

  @Test
  void numericsCompareByValueAndSpecials() throws Exception {
    assertThat(target("1.50", PgType.NUMERIC)).isEqualTo(source("1.5", PgType.NUMERIC));
    assertThat(target("1.51", PgType.NUMERIC)).isNotEqualTo(source("1.5", PgType.NUMERIC));
    assertThat(target("'Infinity'", PgType.NUMERIC))
        .isEqualTo(source(Double.POSITIVE_INFINITY, PgType.NUMERIC));
    assertThat(target("'-Infinity'", PgType.NUMERIC))
        .isNotEqualTo(source(Double.POSITIVE_INFINITY, PgType.NUMERIC));
    assertThat(target("0.1", PgType.NUMERIC)).isEqualTo(source(0.1, PgType.NUMERIC));
    assertThat(target("0.1000000000000000055511151231257827", PgType.NUMERIC))
        .isNotEqualTo(source(0.1, PgType.NUMERIC));
  }

  @Test
  void integersAndUuids() throws Exception {
    assertThat(target("42", PgType.BIGINT)).isEqualTo(source("42", PgType.BIGINT));
    assertThat(target("43", PgType.BIGINT)).isNotEqualTo(source(42L, PgType.BIGINT));
    PgType uuid = new PgType(PgType.Kind.UUID, "uuid");
    String u = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11";
    assertThat(target("'" + u + "'", uuid)).isEqualTo(source(u, uuid));
    assertThat(target("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'", uuid))
        .isNotEqualTo(source(u, uuid));
  }
}
