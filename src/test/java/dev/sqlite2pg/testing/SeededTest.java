package dev.sqlite2pg.testing;

import static dev.sqlite2pg.testing.Seeded.bytes;
import static dev.sqlite2pg.testing.Seeded.doubles;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.ints;
import static dev.sqlite2pg.testing.Seeded.listOf;
import static dev.sqlite2pg.testing.Seeded.longs;
import static dev.sqlite2pg.testing.Seeded.scalarValues;
import static dev.sqlite2pg.testing.Seeded.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sqlite2pg.testing.Seeded.Gen;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The property runner: a failure must say how to replay it (seed, try, input), and the generators
 * must reach the edge cases the properties rely on.
 */
class SeededTest {

  private static final int DRAWS = 20_000;

  private record Pair(byte[] bytes, String text) {}

  @Test
  void aFailureNamesTheSeedTheTryAndTheInput() {
    List<byte[]> seen = new ArrayList<>();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                forAll(
                    "shortBytes",
                    100,
                    bytes(8),
                    b -> {
                      seen.add(b);
                      assertThat(b).hasSizeLessThan(3);
                    }));
    long seed = Seeded.pinnedSeed("shortBytes");
    byte[] failed = seen.get(seen.size() - 1);
    assertThat(e.getMessage())
        .contains("Property shortBytes failed on try " + seen.size() + " of 100 with seed " + seed)
        .contains("-Dsqlite2pg.seed=" + seed)
        .contains(
            "input: hex[" + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(failed) + "]");
    assertThat(e.getCause()).isInstanceOf(AssertionError.class);
  }

  @Test
  void thePrintedSeedReplaysTheSameFailure() {
    String first = failureOf("firstRun");
    String seed = first.replaceAll("(?s).*with seed (-?[0-9]+).*", "$1");
    String replayed;
    System.setProperty(Seeded.SEED_PROPERTY, seed);
    try {
      replayed = failureOf("replay");
    } finally {
      System.clearProperty(Seeded.SEED_PROPERTY);
    }
    assertThat(replayed).isEqualTo(first.replace("firstRun", "replay"));
  }

  @Test
  void inputsAreShownExactly() {
    assertThat(Seeded.describe("a\u00e9\uD83D\uDE00\0\"\uD800"))
        .isEqualTo("\"a\\u{00E9}\\u{1F600}\\u{0000}\\u{0022}\\u{D800}\"");
    assertThat(Seeded.describe(-0.0)).isEqualTo("-0.0 (raw bits 0x8000000000000000)");
    assertThat(Seeded.describe(Double.longBitsToDouble(0x7ff0000000000001L)))
        .isEqualTo("NaN (raw bits 0x7FF0000000000001)");
    assertThat(Seeded.describe(List.of(new Pair(new byte[] {1, (byte) 0xFF}, "x"))))
        .isEqualTo("1 [Pair[bytes=hex[01 FF], text=\"x\"]]");
  }

  @Test
  void longsReachTheExtremesAndAllSizes() {
    List<Long> drawn = draw(longs());
    assertThat(drawn).contains(Long.MIN_VALUE, Long.MAX_VALUE, 0L, 1L, -1L);
    assertSome(drawn, v -> Math.abs(v) < 1000 && v != 0 && v != 1 && v != -1);
    assertSome(drawn, v -> Math.abs(v) > 1L << 62);
    assertSome(drawn, v -> Long.bitCount(Math.abs(v) - 1) == 1 && Math.abs(v) > 1L << 32);
    assertThat(draw(ints(1, 64))).allMatch(v -> v >= 1 && v <= 64).contains(1, 64);
  }

  @Test
  void doublesReachEveryKindOfBitPattern() {
    List<Long> bits = draw(doubles().map(Double::doubleToRawLongBits));
    assertThat(bits)
        .contains(
            0x7ff8000000000000L,
            0x7ff0000000000001L,
            Double.doubleToRawLongBits(-0.0),
            0L,
            Double.doubleToRawLongBits(Double.MIN_VALUE),
            Double.doubleToRawLongBits(Double.MAX_VALUE),
            Double.doubleToRawLongBits(Double.MIN_NORMAL),
            Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
    assertSome(bits, b -> b < 0 && Double.isNaN(Double.longBitsToDouble(b)));
    assertSome(bits, b -> (b & 0x7ff0000000000000L) == 0 && (b & 0x000fffffffffffffL) > 1000);
  }

  @Test
  void scalarValuesAreEveryScalarValueAndNothingElse() {
    List<Integer> drawn = draw(scalarValues());
    assertThat(drawn)
        .allMatch(
            c ->
                c >= 0
                    && c <= Character.MAX_CODE_POINT
                    && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE));
    assertThat(drawn).contains(0, 0x7F, 0x80, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF);
    assertSome(drawn, c -> c > 0x10000 && c < 0x10FFFF && c != 0x1F600);
  }

  @Test
  void stringsHoldAstralCharactersAndSometimesLoneSurrogates() {
    List<String> drawn = draw(strings(40));
    assertThat(drawn).allMatch(s -> s.length() <= 40).contains("");
    assertSome(drawn, s -> s.length() == 40);
    assertSome(drawn, s -> s.codePoints().anyMatch(c -> c > 0xFFFF));
    assertSome(
        drawn,
        s -> !s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
  }

  @Test
  void bytesHoldHighRegionsAndUtf8() {
    List<byte[]> drawn = draw(bytes(12));
    assertThat(drawn).allMatch(b -> b.length <= 12);
    assertSome(drawn, b -> b.length == 0);
    assertSome(drawn, b -> b.length == 12 && allHigh(b));
    assertSome(
        drawn,
        b ->
            b.length > 3
                && new String(b, StandardCharsets.UTF_8)
                    .codePoints()
                    .anyMatch(c -> c > 0x7FF && c != 0xFFFD));
  }

  @Test
  void listsAreEmptyFullAndBetween() {
    List<List<Long>> drawn = draw(listOf(longs(), 7));
    assertThat(drawn).allMatch(l -> l.size() <= 7);
    for (int size = 0; size <= 7; size++) {
      int n = size;
      assertSome(drawn, l -> l.size() == n);
    }
  }

  /** The message of a property that fails when it first draws Long.MAX_VALUE. */
  private static String failureOf(String name) {
    return assertThrows(
            AssertionError.class,
            () -> forAll(name, 10_000, longs(), v -> assertThat(v).isNotEqualTo(Long.MAX_VALUE)))
        .getMessage();
  }

  private static <T> List<T> draw(Gen<T> gen) {
    SplittableRandom r = new SplittableRandom(42);
    List<T> out = new ArrayList<>(DRAWS);
    for (int i = 0; i < DRAWS; i++) {
      out.add(gen.next(r));
    }
    return out;
  }

  private static <T> void assertSome(List<T> drawn, Predicate<? super T> wanted) {
    assertThat(drawn).anyMatch(wanted);
  }

  private static boolean allHigh(byte[] b) {
    for (byte x : b) {
      if ((x & 0x80) == 0) {
        return false;
      }
    }
    return true;
  }
}
