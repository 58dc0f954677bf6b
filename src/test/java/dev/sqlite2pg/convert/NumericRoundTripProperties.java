package dev.sqlite2pg.convert;

import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.ints;
import static dev.sqlite2pg.testing.Seeded.listOf;
import static dev.sqlite2pg.testing.Seeded.longs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CopyRoundTrip;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.Seeded.Gen;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Random decimals of all sizes and scales through numeric's binary form and back. */
@NeedsServer
class NumericRoundTripProperties {

  private static CopyRoundTrip pg;

  /** A seed for {@link #decimals} and the digit count of each decimal. */
  private record Digits(long seed, List<Integer> digitCounts) {}

  /** Double bit patterns and longs, as longs. */
  private record Bits(List<Long> bits, List<Long> longs) {}

  /** Decimals for a numeric(precision, min(s, precision)) column. */
  private record Typmod(long seed, List<Integer> digitCounts, int precision, int s) {}

  @BeforeAll
  static void openConnection() {
    pg = new CopyRoundTrip("numeric_round_trip");
  }

  @AfterAll
  static void closeConnection() throws Exception {
    pg.close();
  }

  static List<BigDecimal> decimals(long seed, List<Integer> digitCounts) {
    Random r = new Random(seed);
    List<BigDecimal> out = new ArrayList<>();
    for (int digits : digitCounts) {
      BigInteger unscaled =
          new BigInteger(digits * 4, r).multiply(BigInteger.valueOf(r.nextBoolean() ? 1 : -1));
      int scale = r.nextInt(digits + 40) - 20;
      out.add(new BigDecimal(unscaled, scale));
    }
    return out;
  }

  @Test
  void decimalTextIsExactNumeric() {
    Gen<Long> seeds = longs();
    Gen<List<Integer>> digitCounts = listOf(ints(1, 150), 100);
    forAll(
        "decimalTextIsExactNumeric",
        30,
        r -> new Digits(seeds.next(r), digitCounts.next(r)),
        NumericRoundTripProperties::decimalTextIsExact);
  }

  private static void decimalTextIsExact(Digits in) throws Exception {
    List<BigDecimal> decimals = decimals(in.seed(), in.digitCounts());
    decimals.addAll(
        List.of(
            BigDecimal.ZERO,
            new BigDecimal("0.000"),
            new BigDecimal("-0.0001"),
            new BigDecimal("1E+30"),
            new BigDecimal("12345678.9"),
            new BigDecimal("1E-400"),
            new BigDecimal("99999999.99999999")));
    List<Object> text = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < decimals.size(); i++) {
      BigDecimal d = decimals.get(i);
      // Both spellings: "1.23E+5" and "123000".
      text.add(i % 2 == 0 ? d.toString() : d.toPlainString());
      expected.add((d.scale() < 0 ? d.setScale(0) : d).toPlainString());
    }
    List<String> back =
        pg.roundTrip(PgType.NUMERIC, EncoderOptions.DEFAULT, text, rs -> rs.getString(1));
    assertThat(back).isEqualTo(expected);
    assertThat(pg.canonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, text))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, text));
  }

  @Test
  void everyDoubleAndLongIsExactNumeric() {
    Gen<List<Long>> longs = listOf(longs(), 100);
    forAll(
        "everyDoubleAndLongIsExactNumeric",
        20,
        r -> new Bits(longs.next(r), longs.next(r)),
        NumericRoundTripProperties::doublesAndLongsAreExact);
  }

  private static void doublesAndLongsAreExact(Bits in) throws Exception {
    List<Object> values = new ArrayList<>(in.longs());
    for (long b : in.bits()) {
      double d = Double.longBitsToDouble(b);
      if (Double.doubleToRawLongBits(d) != Long.MIN_VALUE) {
        values.add(d);
      }
    }
    values.addAll(
        List.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            0.1,
            Long.MIN_VALUE,
            Long.MAX_VALUE));
    List<String> back =
        pg.roundTrip(PgType.NUMERIC, EncoderOptions.DEFAULT, values, rs -> rs.getString(1));
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) instanceof Double d) {
        String s = back.get(i);
        double read =
            s.equals("Infinity") || s.equals("-Infinity") || s.equals("NaN")
                ? Double.parseDouble(s)
                : new BigDecimal(s).doubleValue();
        assertThat(Double.doubleToLongBits(read)).as("%s", d).isEqualTo(Double.doubleToLongBits(d));
      } else {
        assertThat(back.get(i)).isEqualTo(values.get(i).toString());
      }
    }
    assertThat(pg.canonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, values))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, values));
  }

  @Test
  void numericWithTypmodTakesExactlyWhatFits() {
    Gen<Long> seeds = longs();
    Gen<List<Integer>> digitCounts = listOf(ints(1, 20), 60);
    Gen<Integer> precisions = ints(1, 30);
    Gen<Integer> scales = ints(0, 30);
    forAll(
        "numericWithTypmodTakesExactlyWhatFits",
        30,
        r -> new Typmod(seeds.next(r), digitCounts.next(r), precisions.next(r), scales.next(r)),
        NumericRoundTripProperties::typmodTakesExactlyWhatFits);
  }

  private static void typmodTakesExactlyWhatFits(Typmod in) throws Exception {
    int precision = in.precision();
    int scale = Math.min(in.s(), precision);
    PgType type = PgType.numeric(precision, scale);
    List<Object> fits = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (BigDecimal d : decimals(in.seed(), in.digitCounts())) {
      BigDecimal stripped = d.stripTrailingZeros();
      boolean fitsExactly =
          stripped.scale() <= scale
              && (stripped.signum() == 0
                  || stripped.precision() - stripped.scale() <= precision - scale);
      try {
        EncodersTest.field(type, d.toPlainString());
        assertThat(fitsExactly).as("%s accepted by %s", d, type.sql()).isTrue();
        fits.add(d.toPlainString());
        expected.add(d.setScale(scale, RoundingMode.UNNECESSARY).toPlainString());
      } catch (ConversionException e) {
        assertThat(fitsExactly).as("%s refused by %s: %s", d, type.sql(), e.getMessage()).isFalse();
        assertThat(e.getMessage()).contains(type.sql());
      }
    }
    assertThat(pg.roundTrip(type, EncoderOptions.DEFAULT, fits, rs -> rs.getString(1)))
        .isEqualTo(expected);
  }
}
