package dev.sqlite2pg.convert;

import static dev.sqlite2pg.testing.Seeded.constants;
import static dev.sqlite2pg.testing.Seeded.doubles;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.ints;
import static dev.sqlite2pg.testing.Seeded.longs;
import static dev.sqlite2pg.testing.Seeded.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Seeded.Gen;
import dev.sqlite2pg.testing.ValuesRow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The fast path for numeric(p,s) must agree with the general one wherever it answers. */
class NumericFastProperties {

  /** A value for a numeric(14 + scale, scale) column. */
  private record Money(double d, int scale) {}

  /** Cents and mills as an application stores them in REAL, any double, and known traps. */
  private static Gen<Double> moneyLike() {
    return oneOf(
        longs(-99_999_999_999L, 99_999_999_999L).map(c -> c / 100.0),
        longs(-9_999_999L, 9_999_999L).map(c -> c / 1000.0),
        doubles(),
        constants(0.1 + 0.2, 1e15, 123456789.123, -0.0, 0.0, 5e-324, 1.005, 2.675));
  }

  @Test
  void fastAgreesWithGeneral() {
    Gen<Double> values = moneyLike();
    Gen<Integer> scales = ints(0, 8);
    forAll(
        "fastAgreesWithGeneral",
        3000,
        r -> new Money(values.next(r), scales.next(r)),
        NumericFastProperties::agree);
  }

  private static void agree(Money m) {
    double d = m.d();
    int scale = m.scale();
    int precision = 14 + scale;
    BinaryCopyBuffer fast = new BinaryCopyBuffer(64);
    fast.startRow(1);
    if (!NumericFast.write(d, precision, scale, fast)) {
      return;
    }
    BinaryCopyBuffer general = new BinaryCopyBuffer(64);
    general.startRow(1);
    try {
      NumericValues.write(
          NumericValues.of(ValuesRow.of(d), 0, new int[] {precision, scale}), general);
    } catch (ConversionException e) {
      throw new AssertionError(
          "fast path accepted "
              + d
              + " at scale "
              + scale
              + " but the general path refuses: "
              + e.getMessage());
    }
    assertThat(decode(fast.toByteArray())).isEqualTo(decode(general.toByteArray()));
  }

  /** The value with its display scale ("12.30" keeps its scale 2). */
  private static BigDecimal decode(byte[] row) {
    ByteBuffer b = ByteBuffer.wrap(row);
    b.getShort();
    b.getInt();
    int ndigits = b.getShort();
    int weight = b.getShort();
    int sign = b.getShort() & 0xFFFF;
    int dscale = b.getShort();
    BigInteger v = BigInteger.ZERO;
    for (int i = 0; i < ndigits; i++) {
      v = v.multiply(BigInteger.valueOf(10000)).add(BigInteger.valueOf(b.getShort()));
    }
    BigDecimal d = new BigDecimal(v).scaleByPowerOfTen(4 * (weight - ndigits + 1));
    d = sign == 0x4000 ? d.negate() : d;
    return d.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
  }
}
