package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parsing and classifying times without a server; java.time is the reference. */
class TimeValuesTest {

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static long micros(LocalDateTime t) {
    Instant i = t.toInstant(ZoneOffset.UTC);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  static TimeValues.Parsed parse(String s) throws ConversionException {
    return TimeValues.parseText(utf8(s));
  }

  @Test
  void shapes() {
    assertThat(TimeValues.shapeOfText(utf8("2024-02-29"))).isEqualTo(TimeShape.DATE_ONLY);
    assertThat(TimeValues.shapeOfText(utf8("2024-02-29 12:30")))
        .isEqualTo(TimeShape.LOCAL_DATETIME);
    assertThat(TimeValues.shapeOfText(utf8("2024-02-29T12:30:59.5")))
        .isEqualTo(TimeShape.LOCAL_DATETIME);
    for (String zoned :
        new String[] {
          "2024-02-29T12:30:00Z",
          "2024-02-29 12:30:00+02:00",
          "2024-02-29 12:30+0530",
          "2024-02-29 12:30:00.123456-08"
        }) {
      assertThat(TimeValues.shapeOfText(utf8(zoned))).as(zoned).isEqualTo(TimeShape.ZONED_DATETIME);
    }
    for (String not :
        new String[] {
          "",
          "2024",
          "2024-2-29",
          "2023-02-29",
          "2024-13-01",
          "2024-00-10",
          "2024-01-32",
          "0000-01-01",
          "2024-01-01 24:00",
          "2024-01-01 23:60",
          "2024-01-01 23:59:60",
          "2024-01-01 12",
          "2024-01-01T",
          "2024-01-01 12:00:00.",
          "2024-01-01 12:00:00.1234567",
          "2024-01-01 12:00+1",
          "2024-01-01 12:00 +01:00",
          "2024-01-01 12:00+16:00",
          "2024-01-01x",
          " 2024-01-01",
          "2024-01-01 12:00:00Zx",
          "1700000000",
          "hello"
        }) {
      assertThat(TimeValues.shapeOfText(utf8(not))).as(not).isEqualTo(TimeShape.NOT_A_TIME);
    }
  }

  @Test
  void isoTextMatchesJavaTime() throws Exception {
    assertThat(parse("2024-02-29").localMicros())
        .isEqualTo(micros(LocalDate.of(2024, 2, 29).atStartOfDay()));
    assertThat(parse("2024-02-29 12:30").localMicros())
        .isEqualTo(micros(LocalDateTime.of(2024, 2, 29, 12, 30)));
    assertThat(parse("0001-01-01T00:00:00").localMicros())
        .isEqualTo(micros(LocalDateTime.of(1, 1, 1, 0, 0)));
    assertThat(parse("9999-12-31 23:59:59.999999").localMicros())
        .isEqualTo(micros(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)));
    assertThat(parse("2024-01-01 00:00:00.1").localMicros() % 1_000_000).isEqualTo(100_000);
    assertThat(parse("2024-01-01 00:00:00.123456000").localMicros() % 1_000_000).isEqualTo(123_456);
    TimeValues.Parsed zoned = parse("2024-01-01T12:00:00+05:30");
    assertThat(zoned.offsetSeconds()).isEqualTo(5 * 3600 + 1800);
    assertThat(zoned.instantMicros()).isEqualTo(micros(LocalDateTime.of(2024, 1, 1, 6, 30)));
    assertThat(parse("2024-01-01T12:00-0800").instantMicros())
        .isEqualTo(micros(LocalDateTime.of(2024, 1, 1, 20, 0)));
  }

  @Test
  void everyDayOfFourHundredYearsAgreesWithJavaTime() throws Exception {
    Random r = new Random(7);
    for (LocalDate d = LocalDate.of(1800, 1, 1); d.getYear() < 2200; d = d.plusDays(1)) {
      String s =
          d.toString()
              + " "
              + String.format(
                  java.util.Locale.ROOT,
                  "%02d:%02d:%02d",
                  r.nextInt(24),
                  r.nextInt(60),
                  r.nextInt(60));
      LocalDateTime expected = LocalDateTime.parse(s.replace(' ', 'T'));
      assertThat(parse(s).localMicros()).as(s).isEqualTo(micros(expected));
    }
  }

  @Test
  void refusalsSayWhy() {
    assertThatThrownBy(() -> parse("2020-02-30"))
        .hasMessage(
            "text '2020-02-30' is not an ISO-8601 date or time:"
                + " day 30 does not exist in month 2 of 2020");
    assertThatThrownBy(() -> parse("2020-13-01")).hasMessageContaining("month 13");
    assertThatThrownBy(() -> parse("2020-01-01 00:00:00.0000001"))
        .hasMessageContaining("finer than a microsecond");
  }

  @Test
  void epochUnitsByMagnitude() {
    assertThat(EpochUnit.unitFor(0, 1_700_000_000L)).contains(EpochUnit.SECONDS);
    assertThat(EpochUnit.unitFor(1_600_000_000_000L, 1_700_000_000_000L))
        .contains(EpochUnit.MILLIS);
    assertThat(EpochUnit.unitFor(1_600_000_000_000_000L, 1_700_000_000_000_000L))
        .contains(EpochUnit.MICROS);
    assertThat(EpochUnit.unitFor(1_700_000_000L, 1_700_000_000_000L)).isEmpty();
    assertThat(EpochUnit.unitFor(1, (long) 1e17)).isEmpty();
    assertThat(EpochUnit.unitFor(Long.MIN_VALUE, 1)).isEqualTo(Optional.empty());
  }

  @Test
  void epochNumbers() throws Exception {
    assertThat(TimeValues.epochToMicros(1_700_000_000L, EpochUnit.SECONDS))
        .isEqualTo(1_700_000_000_000_000L);
    assertThat(TimeValues.epochToMicros(1_700_000_000_123L, EpochUnit.MILLIS))
        .isEqualTo(1_700_000_000_123_000L);
    assertThat(TimeValues.epochToMicros(1.5, EpochUnit.SECONDS)).isEqualTo(1_500_000L);
    assertThat(TimeValues.epochToMicros(1700000000.123456, EpochUnit.SECONDS))
        .isEqualTo(1_700_000_000_123_456L);
    assertThat(TimeValues.epochToMicros(1700000000123.5, EpochUnit.MILLIS))
        .isEqualTo(1_700_000_000_123_500L);
    assertThatThrownBy(() -> TimeValues.epochToMicros(0.1234567, EpochUnit.SECONDS))
        .hasMessageContaining("not a whole number of microseconds");
    assertThatThrownBy(() -> TimeValues.epochToMicros(1.5, EpochUnit.MICROS))
        .hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> TimeValues.epochToMicros(-0.0, EpochUnit.SECONDS))
        .hasMessageContaining("back exactly");
    assertThatThrownBy(() -> TimeValues.epochToMicros(Long.MAX_VALUE, EpochUnit.SECONDS))
        .hasMessageContaining("outside PostgreSQL's timestamp range");
    assertThatThrownBy(() -> TimeValues.epochToMicros(Long.MIN_VALUE, EpochUnit.MICROS))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> TimeValues.epochToMicros(Double.NaN, EpochUnit.SECONDS))
        .hasMessageContaining("not a point in time");
  }

  @Test
  void julianDaysRoundTripThroughMicroseconds() throws Exception {
    assertThat(TimeValues.julianDayToMicros(2440587.5)).isZero();
    assertThat(TimeValues.julianDayToMicros(2451545.0))
        .isEqualTo(micros(LocalDateTime.of(2000, 1, 1, 12, 0)));
    Random r = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      // What SQLite's julianday() produces: whole milliseconds divided by 86400000.0.
      long ms =
          210_866_760_000_000L
              + (long) (r.nextDouble() * 100 * 365.25 * 86_400_000L)
              + 946_684_800_000L;
      double jd = ms / 86_400_000.0;
      long micros = TimeValues.julianDayToMicros(jd);
      assertThat(TimeValues.microsToJulianDay(micros)).isEqualTo(jd);
      assertThat(Math.abs(micros - (ms - 210_866_760_000_000L) * 1000)).isLessThan(50);
    }
    // Near day 0.1 a double is far finer than a microsecond: 0.1 itself is 8640000000 µs
    // exactly, its neighbour names no microsecond and is refused.
    assertThat(TimeValues.julianDayToMicros(0.1))
        .isEqualTo(8_640_000_000L - 210_866_760_000_000_000L);
    assertThatThrownBy(() -> TimeValues.julianDayToMicros(Math.nextUp(0.1)))
        .hasMessageContaining("back exactly");
    assertThatThrownBy(() -> TimeValues.julianDayToMicros(-1)).hasMessageContaining("outside");
  }
}
