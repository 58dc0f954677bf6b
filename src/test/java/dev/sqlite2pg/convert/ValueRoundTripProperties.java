package dev.sqlite2pg.convert;

import static dev.sqlite2pg.testing.Seeded.bytes;
import static dev.sqlite2pg.testing.Seeded.codePoints;
import static dev.sqlite2pg.testing.Seeded.doubles;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.listOf;
import static dev.sqlite2pg.testing.Seeded.longs;
import static dev.sqlite2pg.testing.Seeded.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CopyRoundTrip;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.Seeded.Gen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every value of the four everyday pairs survives a real binary COPY unchanged: each try sends its
 * whole list through one COPY into PostgreSQL and compares what comes back, both as the Java value
 * and through {@link Canonical}.
 */
@NeedsServer
class ValueRoundTripProperties {

  private static CopyRoundTrip pg;

  /** Double bit patterns as longs, and doubles as generated. */
  private record Doubles(List<Long> bits, List<Double> usual) {}

  @BeforeAll
  static void openConnection() {
    pg = new CopyRoundTrip("value_round_trip");
  }

  @AfterAll
  static void closeConnection() throws Exception {
    pg.close();
  }

  @Test
  void everyLongIsABigint() {
    forAll(
        "everyLongIsABigint", 40, listOf(longs(), 200), ValueRoundTripProperties::longsAreBigints);
  }

  private static void longsAreBigints(List<Long> generated) throws Exception {
    List<Long> values = new ArrayList<>(generated);
    values.addAll(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
    List<Long> back =
        pg.roundTrip(PgType.BIGINT, EncoderOptions.DEFAULT, values, rs -> rs.getLong(1));
    assertThat(back).isEqualTo(values);
    assertCanonicalsAgree(PgType.BIGINT, values);
  }

  @Test
  void everyDoubleBitPatternIsADouble() {
    Gen<List<Long>> bits = listOf(longs(), 200);
    Gen<List<Double>> usual = listOf(doubles(), 50);
    forAll(
        "everyDoubleBitPatternIsADouble",
        40,
        r -> new Doubles(bits.next(r), usual.next(r)),
        ValueRoundTripProperties::doublesAreDoubles);
  }

  private static void doublesAreDoubles(Doubles generated) throws Exception {
    List<Double> values = new ArrayList<>(generated.usual());
    generated.bits().forEach(b -> values.add(Double.longBitsToDouble(b)));
    values.addAll(
        List.of(
            -0.0,
            0.0,
            Double.NaN,
            Double.longBitsToDouble(0x7ff0000000000001L),
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL),
            Double.MAX_VALUE,
            0.1,
            1e-310));
    List<Double> back =
        pg.roundTrip(PgType.DOUBLE, EncoderOptions.DEFAULT, values, rs -> rs.getDouble(1));
    for (int i = 0; i < values.size(); i++) {
      // doubleToLongBits: NaN payloads are not kept by PostgreSQL's text output; all else is.
      assertThat(Double.doubleToLongBits(back.get(i)))
          .as("value %s", values.get(i))
          .isEqualTo(Double.doubleToLongBits(values.get(i)));
    }
    assertCanonicalsAgree(PgType.DOUBLE, values);
  }

  @Test
  void arbitraryStringsAreText() {
    forAll(
        "arbitraryStringsAreText",
        30,
        listOf(strings(40), 100),
        ValueRoundTripProperties::stringsAreText);
  }

  private static void stringsAreText(List<String> generated) throws Exception {
    // NUL cannot be in PostgreSQL text (tested as a rejection elsewhere); a lone surrogate
    // becomes '?' in getBytes, which is then simply the text under test.
    List<String> values = new ArrayList<>();
    for (String s : generated) {
      String clean = s.replace('\0', ' ');
      values.add(new String(clean.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
    values.addAll(List.of("", " ", "a ", "\\N", "\\", "NULL"));
    List<String> back =
        pg.roundTrip(PgType.TEXT, EncoderOptions.DEFAULT, values, rs -> rs.getString(1));
    assertThat(back).isEqualTo(values);
    assertCanonicalsAgree(PgType.TEXT, values);
  }

  @Test
  void unicodeScalarValuesAreText() {
    forAll(
        "unicodeScalarValuesAreText",
        20,
        listOf(codePoints(), 200),
        ValueRoundTripProperties::scalarValuesAreText);
  }

  private static void scalarValuesAreText(List<Integer> codePoints) throws Exception {
    List<String> values = new ArrayList<>();
    for (int cp : codePoints) {
      if (cp < 0xD800 || cp > 0xDFFF) {
        values.add(new String(Character.toChars(cp)));
      }
    }
    List<String> back =
        pg.roundTrip(PgType.TEXT, EncoderOptions.DEFAULT, values, rs -> rs.getString(1));
    assertThat(back).isEqualTo(values);
  }

  @Test
  void allUnicodeScalarValuesAreText() throws Exception {
    List<String> values = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (int cp = 1; cp <= 0x10FFFF; cp++) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        continue;
      }
      chunk.appendCodePoint(cp);
      if (chunk.length() >= 4000) {
        values.add(chunk.toString());
        chunk.setLength(0);
      }
    }
    values.add(chunk.toString());
    List<String> back =
        pg.roundTrip(PgType.TEXT, EncoderOptions.DEFAULT, values, rs -> rs.getString(1));
    assertThat(back).isEqualTo(values);
  }

  @Test
  void arbitraryBytesAreBytea() {
    forAll(
        "arbitraryBytesAreBytea",
        30,
        listOf(bytes(64), 100),
        ValueRoundTripProperties::bytesAreBytea);
  }

  private static void bytesAreBytea(List<byte[]> values) throws Exception {
    List<Object> rows = new ArrayList<>(values);
    List<byte[]> back =
        pg.roundTrip(PgType.BYTEA, EncoderOptions.DEFAULT, rows, rs -> rs.getBytes(1));
    assertThat(back).containsExactlyElementsOf(values);
    assertCanonicalsAgree(PgType.BYTEA, rows);
  }

  private static void assertCanonicalsAgree(PgType type, List<?> values) throws Exception {
    assertThat(pg.canonicals(type, EncoderOptions.DEFAULT, values))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(type, EncoderOptions.DEFAULT, values));
  }
}
