package dev.sqlite2pg.testing;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Property tests in plain JUnit 5. {@link #forAll} checks a property on inputs drawn by a {@link
 * SplittableRandom} whose seed is pinned per property (a hash of its name), so every build tries
 * the same inputs and a failure can be replayed; {@code -Dsqlite2pg.seed=N} replaces the pinned
 * seeds, to replay the seed a failure printed or to try other inputs. The generators draw the
 * values where conversions break (extremes, zero, powers of two, NaN payloads, subnormals,
 * Unicode's boundaries, empty and full sizes) about as often as uniform ones.
 */
public final class Seeded {

  /** The system property that replaces every property's pinned seed. */
  public static final String SEED_PROPERTY = "sqlite2pg.seed";

  /** Longest input description in a failure message; the seed replays the whole input. */
  private static final int MAX_DESCRIPTION = 20_000;

  private static final long[] LONG_EDGES = {
    Long.MIN_VALUE,
    Long.MIN_VALUE + 1,
    Long.MAX_VALUE,
    Long.MAX_VALUE - 1,
    0,
    1,
    -1,
    2,
    -2,
    Integer.MIN_VALUE,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE - 1L,
    Integer.MAX_VALUE + 1L,
    9_007_199_254_740_993L
  };

  /** NaNs with several payloads and signs, the infinities, zeros, and the ends of each range. */
  private static final long[] DOUBLE_EDGE_BITS = {
    0x7ff8000000000000L,
    0x7ff0000000000001L,
    0x7ff4000000000000L,
    0x7fffffffffffffffL,
    0xfff8000000000000L,
    0xfff0000000000001L,
    0xffffffffffffffffL,
    bits(Double.POSITIVE_INFINITY),
    bits(Double.NEGATIVE_INFINITY),
    bits(0.0),
    bits(-0.0),
    bits(Double.MIN_VALUE),
    bits(-Double.MIN_VALUE),
    bits(Math.nextDown(Double.MIN_NORMAL)),
    bits(-Math.nextDown(Double.MIN_NORMAL)),
    bits(Double.MIN_NORMAL),
    bits(-Double.MIN_NORMAL),
    bits(Double.MAX_VALUE),
    bits(-Double.MAX_VALUE),
    bits(1.0),
    bits(-1.0),
    bits(0.1),
    bits(0x1p53),
    bits(1e15)
  };

  /** Where UTF-8's lengths change, the surrogates' neighbours, noncharacters, the last one. */
  private static final int[] SCALAR_EDGES = {
    0, 1, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xFF, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFDD0, 0xFFFD, 0xFFFE,
    0xFFFF, 0x10000, 0x1F600, 0x10FFFF
  };

  /** Bytes that UTF-8 decoders treat specially: overlong, surrogate and out-of-range leads. */
  private static final int[] BYTE_EDGES = {
    0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF
  };

  private static final BigDecimal[] DECIMAL_EDGES = {
    BigDecimal.ZERO,
    new BigDecimal("0.00"),
    new BigDecimal("0.01"),
    new BigDecimal("-0.01"),
    BigDecimal.ONE,
    BigDecimal.ONE.negate(),
    new BigDecimal("1E+30"),
    new BigDecimal("1E-30"),
    new BigDecimal(Double.MAX_VALUE),
    new BigDecimal(-Double.MAX_VALUE).setScale(2)
  };

  private static final double[] DECIMAL_DIVISORS = {1, 10, 100, 1000, 10_000, 1_000_000};

  private Seeded() {}

  /** Draws one value from the random it is given, and nothing else: so a seed replays it. */
  @FunctionalInterface
  public interface Gen<T> {
    T next(SplittableRandom r);

    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
      return r -> f.apply(next(r));
    }

    /** Draws again until {@code keep} holds; for rare exclusions only. */
    default Gen<T> filter(Predicate<? super T> keep) {
      return r -> {
        for (int i = 0; i < 1000; i++) {
          T v = next(r);
          if (keep.test(v)) {
            return v;
          }
        }
        throw new IllegalStateException("The filter refused 1000 values in a row");
      };
    }
  }

  /** The property itself: fails by throwing, usually an AssertionError from assertThat. */
  @FunctionalInterface
  public interface Check<T> {
    void check(T input) throws Exception;
  }

  /**
   * Checks {@code check} on {@code tries} inputs from {@code gen}. The first failure stops the run
   * with an AssertionError naming the seed, the try and the whole input (there is no shrinking, so
   * the input is shown as drawn); the original failure is its cause.
   */
  public static <T> void forAll(String name, int tries, Gen<T> gen, Check<? super T> check) {
    long seed = seedFor(name);
    SplittableRandom random = new SplittableRandom(seed);
    for (int attempt = 1; attempt <= tries; attempt++) {
      T input = gen.next(random);
      try {
        check.check(input);
      } catch (Throwable e) {
        throw failure(name, seed, attempt, tries, input, e);
      }
    }
  }

  /** The pinned seed of {@code name}, unless {@value #SEED_PROPERTY} is set. */
  static long seedFor(String name) {
    String override = System.getProperty(SEED_PROPERTY, "").strip();
    return override.isEmpty() ? pinnedSeed(name) : Long.parseLong(override);
  }

  /** FNV-1a of the name's UTF-8: stable across JVMs and releases, unlike a random default. */
  static long pinnedSeed(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    return h;
  }

  private static AssertionError failure(
      String name, long seed, int attempt, int tries, Object input, Throwable cause) {
    String message =
        String.format(
            Locale.ROOT,
            "Property %s failed on try %d of %d with seed %d (replay: -D%s=%d)%ninput: %s%ncause: %s",
            name,
            attempt,
            tries,
            seed,
            SEED_PROPERTY,
            seed,
            describe(input),
            cause);
    return new AssertionError(message, cause);
  }

  // ---- Generators ----

  /** Any long: a quarter edge cases and powers of two ±1, a quarter uniform, half any size. */
  public static Gen<Long> longs() {
    return r ->
        switch (r.nextInt(4)) {
          case 0 -> r.nextBoolean() ? pick(r, LONG_EDGES) : nearPowerOfTwo(r);
          case 1 -> r.nextLong();
          default -> r.nextLong() >> r.nextInt(64);
        };
  }

  /** Longs in {@code [min, max]}: the ends and values near zero are common. */
  public static Gen<Long> longs(long min, long max) {
    long[] edges = {
      min,
      max,
      Math.min(min + 1, max),
      Math.max(max - 1, min),
      Math.max(min, Math.min(0, max)),
      Math.max(min, Math.min(1, max)),
      Math.max(min, Math.min(-1, max))
    };
    return r ->
        switch (r.nextInt(4)) {
          case 0 -> pick(r, edges);
          case 1 -> inRangeOrUniform(r, r.nextLong() >> r.nextInt(64), min, max);
          default -> uniform(r, min, max);
        };
  }

  /** Ints in {@code [min, max]}, drawn as {@link #longs(long, long)}. */
  public static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /**
   * Every double bit pattern: NaNs with several payloads, ±Infinity, ±0.0, the ends of the
   * subnormal and normal ranges, uniformly random bits, the bits of small longs (subnormals and
   * negative NaNs), and the 12.34-like values most data holds.
   */
  public static Gen<Double> doubles() {
    Gen<Long> longs = longs();
    return r ->
        switch (r.nextInt(6)) {
          case 0 -> Double.longBitsToDouble(pick(r, DOUBLE_EDGE_BITS));
          case 1 -> Double.longBitsToDouble(r.nextLong());
          case 2 -> Double.longBitsToDouble(longs.next(r));
          case 3 -> subnormal(r);
          default ->
              r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L)
                  / DECIMAL_DIVISORS[r.nextInt(DECIMAL_DIVISORS.length)];
        };
  }

  /**
   * Decimals of up to ~330 digits: half with scale 2 (like money), half with a scale in [-30, 60]
   * (exponent notation both ways), and some edge cases.
   */
  public static Gen<BigDecimal> decimals() {
    return r ->
        r.nextInt(8) == 0
            ? DECIMAL_EDGES[r.nextInt(DECIMAL_EDGES.length)]
            : new BigDecimal(bigInteger(r), r.nextBoolean() ? 2 : r.nextInt(-30, 61));
  }

  /**
   * Unicode scalar values (0..0x10FFFF without the surrogates): boundaries, ASCII, the BMP and the
   * whole range, a quarter each.
   */
  public static Gen<Integer> scalarValues() {
    return r ->
        switch (r.nextInt(4)) {
          case 0 -> pick(r, SCALAR_EDGES);
          case 1 -> r.nextInt(0x80);
          case 2 -> scalarBelow(r, 0x10000);
          default -> scalarBelow(r, Character.MAX_CODE_POINT + 1);
        };
  }

  /**
   * Code points 1..0x10FFFF, surrogates included (for properties that skip them): any int in that
   * range or a {@link #scalarValues() scalar value}, half each. U+0000 is left out, as no text
   * holds it.
   */
  public static Gen<Integer> codePoints() {
    return oneOf(ints(1, Character.MAX_CODE_POINT), scalarValues().filter(c -> c != 0));
  }

  /**
   * Strings of up to {@code maxLength} chars of {@link #scalarValues()}; one in eight also holds
   * lone surrogates, as Java strings can.
   */
  public static Gen<String> strings(int maxLength) {
    Gen<Integer> scalars = scalarValues();
    return r -> {
      int n = size(r, maxLength);
      boolean lone = r.nextInt(8) == 0;
      StringBuilder s = new StringBuilder(n);
      while (s.length() < n) {
        int c =
            lone && r.nextInt(4) == 0
                ? r.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1)
                : scalars.next(r);
        s.appendCodePoint(s.length() + Character.charCount(c) > n ? r.nextInt(0x80) : c);
      }
      return s.toString();
    };
  }

  /**
   * Byte arrays of up to {@code maxLength}, built of runs of random, high (0x80..0xFF), ASCII and
   * edge bytes and UTF-8 sequences, whole or cut short; one in eight is high bytes only.
   */
  public static Gen<byte[]> bytes(int maxLength) {
    Gen<Integer> scalars = scalarValues();
    return r -> {
      int n = size(r, maxLength);
      int kinds = r.nextInt(8) == 0 ? 1 : 5;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (out.size() < n) {
        bytePiece(r, r.nextInt(kinds), scalars, out);
      }
      return Arrays.copyOf(out.toByteArray(), n);
    };
  }

  /** Lists of up to {@code maxSize} elements; empty and full lists are common. */
  public static <T> Gen<List<T>> listOf(Gen<T> element, int maxSize) {
    return r -> {
      int n = size(r, maxSize);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.next(r));
      }
      return out;
    };
  }

  /** One of the generators, chosen evenly for each value. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    return r -> gens[r.nextInt(gens.length)].next(r);
  }

  /** One of the values, chosen evenly. */
  @SafeVarargs
  public static <T> Gen<T> constants(T... values) {
    return r -> values[r.nextInt(values.length)];
  }

  private static long bits(double d) {
    return Double.doubleToRawLongBits(d);
  }

  private static long pick(SplittableRandom r, long[] values) {
    return values[r.nextInt(values.length)];
  }

  private static int pick(SplittableRandom r, int[] values) {
    return values[r.nextInt(values.length)];
  }

  /** ±(2^k - 1), ±2^k or ±(2^k + 1). */
  private static long nearPowerOfTwo(SplittableRandom r) {
    long v = (1L << r.nextInt(63)) + r.nextInt(3) - 1;
    return r.nextBoolean() ? v : -v;
  }

  /** A subnormal of either sign, uniform over the 2^52 - 1 of each. */
  private static double subnormal(SplittableRandom r) {
    long mantissa = r.nextLong(1, 1L << 52);
    return Double.longBitsToDouble(r.nextBoolean() ? mantissa : mantissa | Long.MIN_VALUE);
  }

  /** {@code v} if in [min, max], else a uniform value there. */
  private static long inRangeOrUniform(SplittableRandom r, long v, long min, long max) {
    return v >= min && v <= max ? v : uniform(r, min, max);
  }

  private static long uniform(SplittableRandom r, long min, long max) {
    if (max < Long.MAX_VALUE) {
      return r.nextLong(min, max + 1);
    }
    return min > Long.MIN_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong();
  }

  /** 0 one time in eight, {@code max} one in eight, else uniform in [0, max]. */
  private static int size(SplittableRandom r, int max) {
    return switch (r.nextInt(8)) {
      case 0 -> 0;
      case 1 -> max;
      default -> r.nextInt(max + 1);
    };
  }

  /** Uniform over the scalar values below {@code end}, the surrogates skipped. */
  private static int scalarBelow(SplittableRandom r, int end) {
    int c = r.nextInt(end - 0x800);
    return c < Character.MIN_SURROGATE ? c : c + 0x800;
  }

  /** Half the time up to 64 bits, else up to 1100 (about 330 digits); either sign. */
  private static BigInteger bigInteger(SplittableRandom r) {
    int bits = r.nextBoolean() ? r.nextInt(64) : r.nextInt(1100);
    byte[] b = new byte[bits / 8 + 1];
    r.nextBytes(b);
    BigInteger v = new BigInteger(1, b).shiftRight(b.length * 8 - bits);
    return r.nextBoolean() ? v : v.negate();
  }

  private static void bytePiece(
      SplittableRandom r, int kind, Gen<Integer> scalars, ByteArrayOutputStream out) {
    switch (kind) {
      case 0 -> out.write(0x80 + r.nextInt(0x80));
      case 1 -> out.write(r.nextInt(0x100));
      case 2 -> out.write(pick(r, BYTE_EDGES));
      case 3 -> out.write(r.nextInt(0x80));
      default -> {
        byte[] b = new String(Character.toChars(scalars.next(r))).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, r.nextInt(4) == 0 ? r.nextInt(b.length) : b.length);
      }
    }
  }

  // ---- Describing inputs ----

  /**
   * The input as a failure shows it: byte arrays in hex, strings with every character outside
   * printable ASCII as its code point, doubles with their raw bits, records by component.
   */
  static String describe(Object input) {
    StringBuilder out = new StringBuilder();
    describe(input, out);
    if (out.length() <= MAX_DESCRIPTION) {
      return out.toString();
    }
    return out.substring(0, MAX_DESCRIPTION) + "... (cut; the seed replays the whole input)";
  }

  private static void describe(Object v, StringBuilder out) {
    if (out.length() > MAX_DESCRIPTION) {
      return;
    }
    if (v instanceof byte[] b) {
      hex(b, out);
    } else if (v instanceof String s) {
      codePoints(s, out);
    } else if (v instanceof Double d) {
      out.append(d)
          .append(String.format(Locale.ROOT, " (raw bits 0x%016X)", Double.doubleToRawLongBits(d)));
    } else if (v instanceof Collection<?> c) {
      elements(c, out);
    } else if (v instanceof Record rec) {
      components(rec, out);
    } else {
      out.append(v);
    }
  }

  private static void hex(byte[] b, StringBuilder out) {
    out.append("hex[");
    for (int i = 0; i < b.length; i++) {
      out.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", b[i] & 0xFF));
    }
    out.append(']');
  }

  private static void codePoints(String s, StringBuilder out) {
    out.append('"');
    s.codePoints()
        .forEach(
            c -> {
              if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append((char) c);
              } else {
                out.append(String.format(Locale.ROOT, "\\u{%04X}", c));
              }
            });
    out.append('"');
  }

  private static void elements(Collection<?> c, StringBuilder out) {
    out.append(c.size()).append(" [");
    String sep = "";
    for (Object e : c) {
      out.append(sep);
      describe(e, out);
      sep = ", ";
    }
    out.append(']');
  }

  private static void components(Record rec, StringBuilder out) {
    out.append(rec.getClass().getSimpleName()).append('[');
    String sep = "";
    for (RecordComponent c : rec.getClass().getRecordComponents()) {
      out.append(sep).append(c.getName()).append('=');
      describe(component(rec, c), out);
      sep = ", ";
    }
    out.append(']');
  }

  private static Object component(Record rec, RecordComponent c) {
    try {
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(rec);
    } catch (ReflectiveOperationException e) {
      return "<" + e + ">";
    }
  }
}
