package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CopyRoundTrip;
import dev.sqlite2pg.testing.NeedsServer;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Times through a real binary COPY. The JVM runs in a zone with a half-hour offset and summer time
 * for the whole class (and pgjdbc sets the session's TimeZone from it), so any reliance on UTC
 * defaults in the encoders or in Canonical.ofTarget shows up as a shifted value.
 */
@NeedsServer
class TimeRoundTripTest {

  private static TimeZone saved;
  private static CopyRoundTrip pg;

  @BeforeAll
  static void start() {
    saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
    pg = new CopyRoundTrip("time_round_trip");
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
    TimeZone.setDefault(saved);
  }

  /** The value PostgreSQL holds, spelled by the server in UTC. */
  private static List<String> utcText(PgType type, EncoderOptions opts, List<?> values)
      throws Exception {
    try (Statement s = pg.connection().createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
    }
    try {
      return pg.roundTrip(type, opts, values, rs -> rs.getString(1));
    } finally {
      try (Statement s = pg.connection().createStatement()) {
        s.execute("SET TimeZone = 'America/St_Johns'");
      }
    }
  }

  private static void assertCanonicalsAgree(PgType type, EncoderOptions opts, List<?> values)
      throws Exception {
    assertThat(pg.canonicals(type, opts, values))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(type, opts, values));
  }

  @Test
  void isoTextIntoTimestamptzIsUtcUnlessZoned() throws Exception {
    List<Object> values =
        new ArrayList<>(
            List.of(
                "2024-03-10 06:30:00",
                "2024-03-10T06:30",
                "2024-03-10 06:30:00.000001Z",
                "2024-03-10 06:30:00+05:30",
                "2024-03-10 06:30-0800",
                "2024-03-10",
                "0001-01-01 00:00:00",
                "9999-12-31 23:59:59.999999+00"));
    values.add(null);
    assertThat(utcText(PgType.TIMESTAMPTZ, EncoderOptions.DEFAULT, values))
        .containsExactly(
            "2024-03-10 06:30:00+00",
            "2024-03-10 06:30:00+00",
            "2024-03-10 06:30:00.000001+00",
            "2024-03-10 01:00:00+00",
            "2024-03-10 14:30:00+00",
            "2024-03-10 00:00:00+00",
            "0001-01-01 00:00:00+00",
            "9999-12-31 23:59:59.999999+00",
            null);
    assertCanonicalsAgree(PgType.TIMESTAMPTZ, EncoderOptions.DEFAULT, values);
  }

  @Test
  void isoTextIntoTimestampKeepsTheWallClock() throws Exception {
    List<Object> values =
        List.of(
            "2024-03-10 02:30:00",
            "2024-11-03 01:30:00.5",
            "2024-03-10T02:30:00Z",
            "2024-03-10 02:30:00+00:00",
            "1999-12-31",
            "0001-01-01 00:00");
    assertThat(utcText(PgType.TIMESTAMP, EncoderOptions.DEFAULT, values))
        .containsExactly(
            "2024-03-10 02:30:00",
            "2024-11-03 01:30:00.5",
            "2024-03-10 02:30:00",
            "2024-03-10 02:30:00",
            "1999-12-31 00:00:00",
            "0001-01-01 00:00:00");
    assertCanonicalsAgree(PgType.TIMESTAMP, EncoderOptions.DEFAULT, values);
    assertThat(EncodersTest.reason(PgType.TIMESTAMP, "2024-03-10 02:30:00+01:00"))
        .contains("has a zone offset");
  }

  @Test
  void datesAreDateOnlyText() throws Exception {
    List<Object> values =
        List.of("2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01", "1969-12-31");
    assertThat(utcText(PgType.DATE, EncoderOptions.DEFAULT, values))
        .containsExactly("2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01", "1969-12-31");
    assertCanonicalsAgree(PgType.DATE, EncoderOptions.DEFAULT, values);
    assertThat(EncodersTest.reason(PgType.DATE, "2024-02-29 00:00:00")).contains("not a date");
    assertThat(EncodersTest.reason(PgType.DATE, 1_700_000_000L)).contains("not a date");
    assertThat(EncodersTest.reason(PgType.DATE, "2023-02-29")).contains("does not exist");
  }

  @Test
  void epochNumbersInEachUnit() throws Exception {
    Random r = new Random(3);
    for (EpochUnit unit : EpochUnit.values()) {
      long scale = unit.micros();
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        long micros = (long) ((r.nextDouble() * 2 - 1) * 4e15); // about 1843 to 2096
        values.add(micros / scale);
      }
      values.add(0L);
      values.add(-1L);
      EncoderOptions opts = EncoderOptions.epoch(unit);
      List<String> text = utcText(PgType.TIMESTAMPTZ, opts, values);
      for (int i = 0; i < values.size(); i++) {
        long micros = (Long) values.get(i) * scale;
        java.time.Instant expected =
            java.time.Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        assertThat(
                java.time.OffsetDateTime.parse(text.get(i).replace(' ', 'T') + ":00").toInstant())
            .as("%s %s", unit, values.get(i))
            .isEqualTo(expected);
      }
      assertCanonicalsAgree(PgType.TIMESTAMPTZ, opts, values);
      assertCanonicalsAgree(PgType.TIMESTAMP, opts, values);
    }
  }

  @Test
  void realEpochSecondsAndJulianDays() throws Exception {
    List<Object> seconds = List.of(1700000000.5, 1700000000.123456, -1.25, 0.000001);
    assertThat(utcText(PgType.TIMESTAMPTZ, EncoderOptions.DEFAULT, seconds))
        .containsExactly(
            "2023-11-14 22:13:20.5+00", "2023-11-14 22:13:20.123456+00",
            "1969-12-31 23:59:58.75+00", "1970-01-01 00:00:00.000001+00");
    assertCanonicalsAgree(PgType.TIMESTAMPTZ, EncoderOptions.DEFAULT, seconds);

    List<Object> julian = List.of(2451545.0, 2460000.25, 2440587.5, 2299160.5, 1721425.5);
    EncoderOptions jd = EncoderOptions.julianDays();
    assertThat(utcText(PgType.TIMESTAMPTZ, jd, julian))
        .containsExactly(
            "2000-01-01 12:00:00+00",
            "2023-02-24 18:00:00+00",
            "1970-01-01 00:00:00+00",
            "1582-10-15 00:00:00+00",
            "0001-01-01 00:00:00+00");
    assertCanonicalsAgree(PgType.TIMESTAMPTZ, jd, julian);

    assertThat(EncodersTest.reason(PgType.TIMESTAMPTZ, 0.1234567)).contains("microseconds");
    assertThat(
            EncodersTest.reason(
                PgType.TIMESTAMPTZ,
                new EncoderOptions(java.util.Optional.empty(), false),
                1_700_000_000L))
        .contains("no single epoch unit");
  }

  @Test
  void julianDaysFromSqliteRoundTripThroughPostgres() throws Exception {
    Random r = new Random(5);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long ms =
          210_866_760_000_000L
              + 946_684_800_000L
              + (long) ((r.nextDouble() - 0.5) * 200 * 365.25 * 86_400_000L);
      values.add(ms / 86_400_000.0);
    }
    EncoderOptions jd = EncoderOptions.julianDays();
    List<java.time.OffsetDateTime> back =
        pg.roundTrip(
            PgType.TIMESTAMPTZ, jd, values, rs -> rs.getObject(1, java.time.OffsetDateTime.class));
    for (int i = 0; i < values.size(); i++) {
      java.time.Instant t = back.get(i).toInstant();
      long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
      assertThat(TimeValues.microsToJulianDay(micros)).isEqualTo(values.get(i));
    }
    assertCanonicalsAgree(PgType.TIMESTAMPTZ, jd, values);
  }
}
