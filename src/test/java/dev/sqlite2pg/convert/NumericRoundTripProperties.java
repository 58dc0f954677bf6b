package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CopyRoundTrip;
import dev.sqlite2pg.testing.Shared;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/** Random decimals of all sizes and scales through numeric's binary form and back. */
class NumericRoundTripProperties {

  private static final Shared<CopyRoundTrip> PG = new Shared<>(() -> new CopyRoundTrip("numeric_round_trip"));

  @AfterContainer
  static void closeConnection() throws Exception {
    PG.close();
  }

  static List<BigDecimal> decimals(long seed, List<Integer> digitCounts) {
    Random r = new Random(seed);
    List<BigDecimal> out = new ArrayList<>();
    for (int digits : digitCounts) {
      BigInteger unscaled = new BigInteger(digits * 4, r).multiply(BigInteger.valueOf(
          r.nextBoolean() ? 1 : -1));
      int scale = r.nextInt(digits + 40) - 20;
      out.add(new BigDecimal(unscaled, scale));
    }
    return out;
  }

  @Property(tries = 30)
  void decimalTextIsExactNumeric(@ForAll long seed,
      @ForAll @Size(max = 100) List<@IntRange(min = 1, max = 150) Integer> digitCounts)
      throws Exception {
    List<BigDecimal> decimals = decimals(seed, digitCounts);
    decimals.addAll(List.of(BigDecimal.ZERO, new BigDecimal("0.000"), new BigDecimal("-0.0001"),
        new BigDecimal("1E+30"), new BigDecimal("12345678.9"), new BigDecimal("1E-400"),
        new BigDecimal("99999999.99999999")));
    List<Object> text = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < decimals.size(); i++) {
      BigDecimal d = decimals.get(i);
      // Both spellings: "1.23E+5" and "123000".
      text.add(i % 2 == 0 ? d.toString() : d.toPlainString());
      expected.add((d.scale() < 0 ? d.setScale(0) : d).toPlainString());
    }
    List<String> back = PG.get().roundTrip(PgType.NUMERIC, EncoderOptions.DEFAULT, text,
        rs -> rs.getString(1));
    assertThat(back).isEqualTo(expected);
    assertThat(PG.get().canonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, text))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, text));
  }

  @Property(tries = 20)
  void everyDoubleAndLongIsExactNumeric(@ForAll @Size(max = 100) List<Long> bits,
      @ForAll @Size(max = 100) List<Long> longs) throws Exception {
    List<Object> values = new ArrayList<>(longs);
    for (long b : bits) {
      double d = Double.longBitsToDouble(b);
      if (Double.doubleToRawLongBits(d) != Long.MIN_VALUE) {
        values.add(d);
      }
    }
    values.addAll(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, 0.1, Long.MIN_VALUE, Long.MAX_VALUE));
    List<String> back = PG.get().roundTrip(PgType.NUMERIC, EncoderOptions.DEFAULT, values,
        rs -> rs.getString(1));
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) instanceof Double d) {
        String s = back.get(i);
        double read = s.equals("Infinity") || s.equals("-Infinity") || s.equals("NaN")
            ? Double.parseDouble(s)
            : new BigDecimal(s).doubleValue();
        assertThat(Double.doubleToLongBits(read)).as("%s", d)
            .isEqualTo(Double.doubleToLongBits(d));
      } else {
        assertThat(back.get(i)).isEqualTo(values.get(i).toString());
      }
    }
    assertThat(PG.get().canonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, values))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(PgType.NUMERIC, EncoderOptions.DEFAULT, values));
  }

  @Property(tries = 30)
  void numericWithTypmodTakesExactlyWhatFits(@ForAll long seed,
      @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 20) Integer> digitCounts,
      @ForAll @IntRange(min = 1, max = 30) int precision, @ForAll @IntRange(max = 30) int s)
      throws Exception {
    int scale = Math.min(s, precision);
    PgType type = PgType.numeric(precision, scale);
    List<Object> fits = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (BigDecimal d : decimals(seed, digitCounts)) {
      BigDecimal stripped = d.stripTrailingZeros();
      boolean fitsExactly = stripped.scale() <= scale
          && (stripped.signum() == 0 || stripped.precision() - stripped.scale() <= precision - scale);
      try {
        EncodersTest.field(type, d.toPlainString());
        assertThat(fitsExactly).as("%s accepted by %s", d, type.sql()).isTrue();
        fits.add(d.toPlainString());
        expected.add(d.setScale(scale, RoundingMode.UNNECESSARY).toPlainString());
      } catch (ConversionException e) {
        assertThat(fitsExactly).as("%s refused by %s: %s", d, type.sql(), e.getMessage())
            .isFalse();
        assertThat(e.getMessage()).contains(type.sql());
      }
    }
    assertThat(PG.get().roundTrip(type, EncoderOptions.DEFAULT, fits, rs -> rs.getString(1)))
        .isEqualTo(expected);
  }
}
