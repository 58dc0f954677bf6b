package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CopyRoundTrip;
import dev.sqlite2pg.testing.Shared;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every value of the four everyday pairs survives a real binary COPY unchanged: each try sends
 * its whole list through one COPY into PostgreSQL and compares what comes back, both as the
 * Java value and through {@link Canonical}.
 */
class ValueRoundTripProperties {

  private static final Shared<CopyRoundTrip> PG = new Shared<>(() -> new CopyRoundTrip("value_round_trip"));

  @AfterContainer
  static void closeConnection() throws Exception {
    PG.close();
  }

  @Property(tries = 40)
  void everyLongIsABigint(@ForAll @Size(max = 200) List<Long> generated) throws Exception {
    List<Long> values = new ArrayList<>(generated);
    values.addAll(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
    List<Long> back = PG.get().roundTrip(PgType.BIGINT, EncoderOptions.DEFAULT, values,
        rs -> rs.getLong(1));
    assertThat(back).isEqualTo(values);
    assertCanonicalsAgree(PgType.BIGINT, values);
  }

  @Property(tries = 40)
  void everyDoubleBitPatternIsADouble(@ForAll @Size(max = 200) List<Long> bits,
      @ForAll @Size(max = 50) List<Double> usual) throws Exception {
    List<Double> values = new ArrayList<>(usual);
    bits.forEach(b -> values.add(Double.longBitsToDouble(b)));
    values.addAll(List.of(-0.0, 0.0, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, 0.1, 1e-310));
    List<Double> back = PG.get().roundTrip(PgType.DOUBLE, EncoderOptions.DEFAULT, values,
        rs -> rs.getDouble(1));
    for (int i = 0; i < values.size(); i++) {
      // doubleToLongBits: NaN payloads are not kept by PostgreSQL's text output; all else is.
      assertThat(Double.doubleToLongBits(back.get(i)))
          .as("value %s", values.get(i))
          .isEqualTo(Double.doubleToLongBits(values.get(i)));
    }
    assertCanonicalsAgree(PgType.DOUBLE, values);
  }

  @Property(tries = 30)
  void arbitraryStringsAreText(
      @ForAll @Size(max = 100) List<@StringLength(max = 40) String> generated) throws Exception {
    // NUL cannot be in PostgreSQL text (tested as a rejection elsewhere); a lone surrogate
    // becomes '?' in getBytes, which is then simply the text under test.
    List<String> values = new ArrayList<>();
    for (String s : generated) {
      String clean = s.replace('\0', ' ');
      values.add(new String(clean.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
    values.addAll(List.of("", " ", "a ", "\\N", "\\", "NULL"));
    List<String> back = PG.get().roundTrip(PgType.TEXT, EncoderOptions.DEFAULT, values,
        rs -> rs.getString(1));
    assertThat(back).isEqualTo(values);
    assertCanonicalsAgree(PgType.TEXT, values);
  }

  @Property(tries = 20)
  void unicodeScalarValuesAreText(
      @ForAll @Size(max = 200) List<@IntRange(min = 1, max = 0x10FFFF) Integer> codePoints)
      throws Exception {
    List<String> values = new ArrayList<>();
    for (int cp : codePoints) {
      if (cp < 0xD800 || cp > 0xDFFF) {
        values.add(new String(Character.toChars(cp)));
      }
    }
    List<String> back = PG.get().roundTrip(PgType.TEXT, EncoderOptions.DEFAULT, values,
        rs -> rs.getString(1));
    assertThat(back).isEqualTo(values);
  }

  @Example
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
    List<String> back = PG.get().roundTrip(PgType.TEXT, EncoderOptions.DEFAULT, values,
        rs -> rs.getString(1));
    assertThat(back).isEqualTo(values);
  }

  @Property(tries = 30)
  void arbitraryBytesAreBytea(@ForAll @Size(max = 100) List<@Size(max = 64) byte[]> values)
      throws Exception {
    List<Object> rows = new ArrayList<>(values);
    List<byte[]> back = PG.get().roundTrip(PgType.BYTEA, EncoderOptions.DEFAULT, rows,
        rs -> rs.getBytes(1));
    assertThat(back).containsExactlyElementsOf(values);
    assertCanonicalsAgree(PgType.BYTEA, rows);
  }

  private static void assertCanonicalsAgree(PgType type, List<?> values) throws Exception {
    assertThat(PG.get().canonicals(type, EncoderOptions.DEFAULT, values))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(type, EncoderOptions.DEFAULT, values));
  }

}
