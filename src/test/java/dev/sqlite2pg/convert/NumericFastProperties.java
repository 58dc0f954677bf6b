package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.ValuesRow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The fast path for numeric(p,s) must agree with the general one wherever it answers. */
class NumericFastProperties {

  @Provide
  Arbitrary<Double> moneyLike() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-99_999_999_999L, 99_999_999_999L).map(c -> c / 100.0),
        Arbitraries.longs().between(-9_999_999L, 9_999_999L).map(c -> c / 1000.0),
        Arbitraries.doubles(),
        Arbitraries.of(0.1 + 0.2, 1e15, 123456789.123, -0.0, 0.0, 5e-324, 1.005, 2.675));
  }

  @Property(tries = 3000)
  void fastAgreesWithGeneral(@ForAll("moneyLike") double d, @ForAll @IntRange(max = 8) int scale) {
    int precision = 14 + scale;
    BinaryCopyBuffer fast = new BinaryCopyBuffer(64);
    fast.startRow(1);
    if (!NumericFast.write(d, precision, scale, fast)) {
      return;
    }
    BinaryCopyBuffer general = new BinaryCopyBuffer(64);
    general.startRow(1);
    try {
      NumericValues.write(NumericValues.of(ValuesRow.of(d), 0,
          new int[] {precision, scale}), general);
    } catch (ConversionException e) {
      throw new AssertionError("fast path accepted " + d + " at scale " + scale
          + " but the general path refuses: " + e.getMessage());
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
