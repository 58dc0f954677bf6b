package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.ValuesRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The acceptance rules, value by value, without a server: what is written and what refused. */
class EncodersTest {

  static final PgType SMALLINT = new PgType(PgType.Kind.SMALLINT, "smallint");
  static final PgType INTEGER = new PgType(PgType.Kind.INTEGER, "integer");
  static final PgType REAL = new PgType(PgType.Kind.REAL, "real");
  static final PgType JSON = new PgType(PgType.Kind.JSON, "json");
  static final PgType UUID = new PgType(PgType.Kind.UUID, "uuid");

  /** The field's payload (after the length word), or null for a NULL field. */
  static byte[] field(PgType type, Object value) throws ConversionException {
    return field(type, EncoderOptions.DEFAULT, value);
  }

  static byte[] field(PgType type, EncoderOptions opts, Object value) throws ConversionException {
    BinaryCopyBuffer buf = new BinaryCopyBuffer();
    buf.startRow(1);
    Encoders.forType(type, opts).encode(ValuesRow.of(value), 0, buf);
    ByteBuffer b = ByteBuffer.wrap(buf.toByteArray());
    b.getShort();
    int len = b.getInt();
    if (len < 0) {
      return null;
    }
    byte[] out = new byte[len];
    b.get(out);
    assertThat(b.hasRemaining()).isFalse();
    return out;
  }

  static String reason(PgType type, Object value) {
    return reason(type, EncoderOptions.DEFAULT, value);
  }

  static String reason(PgType type, EncoderOptions opts, Object value) {
    try {
      field(type, opts, value);
    } catch (ConversionException e) {
      return e.getMessage();
    }
    throw new AssertionError(type.sql() + " accepted " + value);
  }

  static long int8(Object v) throws ConversionException {
    return ByteBuffer.wrap(field(PgType.BIGINT, v)).getLong();
  }

  @Test
  void nullIsNullInEveryType() throws Exception {
    for (PgType.Kind kind : PgType.Kind.values()) {
      String sql =
          kind == PgType.Kind.NUMERIC ? "numeric" : kind.name().toLowerCase(java.util.Locale.ROOT);
      PgType type =
          switch (kind) {
            case ARRAY -> PgType.arrayOf(PgType.TEXT);
            case ENUM -> PgType.enumType("mood", java.util.List.of("happy"));
            default -> new PgType(kind, sql);
          };
      assertThat(field(type, null)).as(kind.name()).isNull();
    }
  }

  @Test
  void bigintTakesIntegersIntegralRealsAndCanonicalIntegerText() throws Exception {
    assertThat(int8(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(int8(42.0)).isEqualTo(42L);
    assertThat(int8(-0x1p63)).isEqualTo(Long.MIN_VALUE);
    assertThat(int8("42")).isEqualTo(42L);
    assertThat(int8("-7")).isEqualTo(-7L);
    assertThat(int8("0")).isZero();
    assertThat(int8("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(int8("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void bigintRefusesWhatWouldNotReadBackTheSame() {
    assertThat(reason(PgType.BIGINT, "abc")).isEqualTo("text 'abc' is not a bigint");
    for (String s :
        new String[] {
          "042",
          " 1",
          "1 ",
          "+1",
          "-0",
          "",
          "-",
          "1.0",
          "1e3",
          "9223372036854775808",
          "-9223372036854775809",
          "99999999999999999999"
        }) {
      assertThat(reason(PgType.BIGINT, s)).as(s).contains("is not a bigint");
    }
    assertThat(reason(PgType.BIGINT, 0.5)).isEqualTo("real 0.5 is not exactly a bigint");
    assertThat(reason(PgType.BIGINT, 0x1p63)).contains("is not exactly");
    assertThat(reason(PgType.BIGINT, -0.0)).contains("real -0.0");
    assertThat(reason(PgType.BIGINT, Double.NaN)).contains("NaN");
    assertThat(reason(PgType.BIGINT, new byte[] {1})).isEqualTo("blob x'01' is not a bigint");
  }

  @Test
  void smallerIntegersCheckTheirRange() throws Exception {
    assertThat(ByteBuffer.wrap(field(SMALLINT, 32767L)).getShort()).isEqualTo((short) 32767);
    assertThat(reason(SMALLINT, 32768L)).isEqualTo("integer 32768 is out of range for a smallint");
    assertThat(ByteBuffer.wrap(field(INTEGER, "-2147483648")).getInt())
        .isEqualTo(Integer.MIN_VALUE);
    assertThat(reason(INTEGER, 2147483648.0)).contains("out of range for an integer");
  }

  @Test
  void doubleKeepsEveryBitAndTakesOnlyExactIntegers() throws Exception {
    assertThat(ByteBuffer.wrap(field(PgType.DOUBLE, -0.0)).getLong())
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(ByteBuffer.wrap(field(PgType.DOUBLE, 1L << 53)).getDouble()).isEqualTo(0x1p53);
    assertThat(ByteBuffer.wrap(field(PgType.DOUBLE, -(1L << 62))).getDouble()).isEqualTo(-0x1p62);
    assertThat(reason(PgType.DOUBLE, (1L << 53) + 1))
        .isEqualTo("integer 9007199254740993 has no exact double precision value");
    assertThat(reason(PgType.DOUBLE, Long.MAX_VALUE)).contains("no exact double");
    assertThat(reason(PgType.DOUBLE, "1.5")).contains("text '1.5' is not");
  }

  @Test
  void realTakesDoublesThatAFloatHoldsOrThatReadTheSame() throws Exception {
    assertThat(ByteBuffer.wrap(field(REAL, 0.5)).getFloat()).isEqualTo(0.5f);
    assertThat(ByteBuffer.wrap(field(REAL, (double) 0.1f)).getFloat()).isEqualTo(0.1f);
    assertThat(Float.isNaN(ByteBuffer.wrap(field(REAL, Double.NaN)).getFloat())).isTrue();
    assertThat(ByteBuffer.wrap(field(REAL, Double.NEGATIVE_INFINITY)).getFloat())
        .isEqualTo(Float.NEGATIVE_INFINITY);
    // 0.1 and 0.87 read the same as 4-byte floats; 0.1 + 0.2 would read as 0.3: refused.
    assertThat(ByteBuffer.wrap(field(REAL, 0.1)).getFloat()).isEqualTo(0.1f);
    assertThat(ByteBuffer.wrap(field(REAL, 0.87)).getFloat()).isEqualTo(0.87f);
    assertThat(reason(REAL, 0.1 + 0.2))
        .contains("real 0.30000000000000004 has no real (4-byte)" + " value that reads the same");
    assertThat(reason(REAL, 1e-50)).contains("no real (4-byte) value");
    assertThat(reason(REAL, 16777217L)).contains("integer 16777217");
    assertThat(ByteBuffer.wrap(field(REAL, 16777216L)).getFloat()).isEqualTo(16777216f);
    assertThat(reason(REAL, Long.MAX_VALUE)).contains("no exact real");
  }

  @Test
  void textIsValidatedUtf8WithoutNul() throws Exception {
    assertThat(field(PgType.TEXT, "héllo ")).isEqualTo("héllo ".getBytes(StandardCharsets.UTF_8));
    assertThat(field(PgType.TEXT, "")).isEmpty();
    assertThat(reason(PgType.TEXT, "abcde\0x"))
        .isEqualTo(
            "text 'abcde\\x00x' contains a NUL character at byte 5,"
                + " which PostgreSQL text cannot hold");
    assertThat(reason(PgType.TEXT, ValuesRow.text(new byte[] {'a', 'b', 'c', (byte) 0xC3})))
        .contains("invalid UTF-8 at byte 3");
    assertThat(reason(PgType.TEXT, new byte[] {(byte) 0xFF, 0})).contains("blob x'ff00'");
  }

  @Test
  void textOfNumbersIsTheirExactSqliteSpelling() throws Exception {
    assertThat(text(PgType.TEXT, -42L)).isEqualTo("-42");
    assertThat(text(PgType.TEXT, 14.0)).isEqualTo("14.0");
    assertThat(text(PgType.TEXT, 0.1)).isEqualTo("0.1");
    assertThat(text(PgType.TEXT, 1e100)).isEqualTo("1.0e+100");
    assertThat(text(PgType.TEXT, Double.POSITIVE_INFINITY)).isEqualTo("Inf");
    assertThat(text(PgType.TEXT, new byte[] {'h', 'i'})).isEqualTo("hi");
    assertThat(text(PgType.BYTEA, 1.5)).isEqualTo("1.5");
    assertThat(text(PgType.BYTEA, 7L)).isEqualTo("7");
    assertThat(text(PgType.BYTEA, "é")).isEqualTo("é");
  }

  private static String text(PgType type, Object v) throws ConversionException {
    return new String(field(type, v), StandardCharsets.UTF_8);
  }

  @Test
  void booleanTakesZeroOneAndPostgresqlsSpellings() throws Exception {
    assertThat(field(PgType.BOOLEAN, 1L)).containsExactly(1);
    assertThat(field(PgType.BOOLEAN, 0L)).containsExactly(0);
    assertThat(field(PgType.BOOLEAN, 1.0)).containsExactly(1);
    assertThat(reason(PgType.BOOLEAN, 2L))
        .isEqualTo("integer 2 is not a boolean (0/1, t/f, true/false, yes/no, on/off)");
    assertThat(reason(PgType.BOOLEAN, -0.0)).contains("not a boolean");
    assertThat(field(PgType.BOOLEAN, "TRUE")).containsExactly(1);
    assertThat(field(PgType.BOOLEAN, "off")).containsExactly(0);
    assertThat(field(PgType.BOOLEAN, "f")).containsExactly(0);
    assertThat(reason(PgType.BOOLEAN, "true ")).contains("text 'true '");
    assertThat(reason(PgType.BOOLEAN, "maybe")).contains("not a boolean");
  }

  @Test
  void uuidFromEveryTextFormPostgresReadsOrSixteenBytes() throws Exception {
    byte[] expected = new byte[16];
    Arrays.fill(expected, (byte) 0xAB);
    assertThat(field(UUID, "abababab-ABAB-abab-abab-abababababab")).isEqualTo(expected);
    assertThat(field(UUID, expected)).isEqualTo(expected);
    // Django 3.2's UUIDField on SQLite: char(32), hex without hyphens.
    assertThat(field(UUID, "abababababababababababababababab")).isEqualTo(expected);
    assertThat(field(UUID, "{abababab-abab-abab-abab-abababababab}")).isEqualTo(expected);
    assertThat(field(UUID, "ABABABAB-ABAB-ABAB-ABAB-ABABABABABAB")).isEqualTo(expected);
    // uuid_in: a hyphen may follow any group of four digits.
    assertThat(field(UUID, "abab-abab-abab-abab-abab-abab-abab-abab")).isEqualTo(expected);
    assertThat(field(UUID, "{abababababababababababababababab}")).isEqualTo(expected);
    assertThat(reason(UUID, "abababab-abab-abab-abab-abababababab-")).contains("not a UUID");
    assertThat(reason(UUID, "aba-babab-abab-abab-abab-abababababab")).contains("not a UUID");
    assertThat(reason(UUID, "{abababab-abab-abab-abab-abababababab")).contains("not a UUID");
    assertThat(reason(UUID, "abababababababababababababababa")).contains("not a UUID");
    assertThat(reason(UUID, "gbababab-abab-abab-abab-abababababab")).contains("not a UUID");
    assertThat(reason(UUID, new byte[15])).contains("not a UUID");
  }

  @Test
  void jsonIsValidatedAndJsonbRefusesWhatItWouldChange() throws Exception {
    assertThat(text(JSON, "{\"a\": 1, \"a\": 2}")).isEqualTo("{\"a\": 1, \"a\": 2}");
    assertThat(reason(PgType.JSONB, "{\"a\": 1, \"a\": 2}")).contains("Duplicate field 'a'");
    assertThat(reason(PgType.JSONB, "[\"\\u0000\"]")).contains("\\u0000");
    assertThat(text(JSON, "[\"\\u0000\"]")).isEqualTo("[\"\\u0000\"]");
    assertThat(reason(PgType.JSONB, "{\"a\":")).contains("is not valid jsonb");
    assertThat(reason(JSON, "1 2")).contains("more than one value");
    assertThat(reason(JSON, "")).contains("empty");
    assertThat(reason(JSON, "{'a': 1}")).contains("is not valid json");
    assertThat(reason(JSON, "NaN")).contains("is not valid json");
    assertThat(reason(JSON, Double.NaN)).contains("has no JSON form");
    assertThat(text(JSON, 0.1)).isEqualTo("0.1");
    assertThat(text(JSON, 12L)).isEqualTo("12");
    byte[] jsonb = field(PgType.JSONB, " [1] ");
    assertThat(jsonb[0]).isEqualTo((byte) 1);
    assertThat(new String(jsonb, 1, jsonb.length - 1, StandardCharsets.UTF_8)).isEqualTo(" [1] ");
  }
}
