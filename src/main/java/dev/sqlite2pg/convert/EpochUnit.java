package dev.sqlite2pg.convert;

import java.util.Optional;

/**
 * The unit of a column of Unix epoch numbers. Applications store seconds (time()), milliseconds
 * (JavaScript's Date.now()) or microseconds; the magnitude tells them apart for any date between
 * 1973 and 5138: now is about 1.7e9 s, 1.7e12 ms, 1.7e15 µs.
 */
public enum EpochUnit {
  SECONDS(1_000_000L, 6, 100_000_000_000L),
  MILLIS(1_000L, 3, 100_000_000_000_000L),
  MICROS(1L, 0, 100_000_000_000_000_000L);

  private final long micros;
  private final int fractionDigits;
  private final long magnitudeLimit;

  EpochUnit(long micros, int fractionDigits, long magnitudeLimit) {
    this.micros = micros;
    this.fractionDigits = fractionDigits;
    this.magnitudeLimit = magnitudeLimit;
  }

  /** Microseconds in one unit. */
  public long micros() {
    return micros;
  }

  /** Decimal places of a unit that still name a whole microsecond. */
  public int fractionDigits() {
    return fractionDigits;
  }

  /** The unit whose usual range holds a value of absolute size {@code abs}, if any. */
  public static Optional<EpochUnit> ofMagnitude(long abs) {
    if (abs < 0) {
      return Optional.empty(); // |Long.MIN_VALUE| overflowed
    }
    for (EpochUnit u : values()) {
      if (abs < u.magnitudeLimit) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  /**
   * The unit of a column whose values have absolute sizes from {@code minAbs} to {@code maxAbs};
   * empty when the two ends suggest different units, since then some values would be read in the
   * wrong one.
   */
  public static Optional<EpochUnit> unitFor(long minAbs, long maxAbs) {
    Optional<EpochUnit> low = ofMagnitude(minAbs);
    Optional<EpochUnit> high = ofMagnitude(maxAbs);
    return low.isPresent() && low.equals(high) ? low : Optional.empty();
  }
}
