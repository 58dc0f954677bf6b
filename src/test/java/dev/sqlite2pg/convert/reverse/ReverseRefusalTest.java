package dev.sqlite2pg.convert.reverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.EpochUnit;
import dev.sqlite2pg.convert.IntervalUnit;
import dev.sqlite2pg.convert.PgType;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What cannot go back exactly is refused, naming the column and the value, never written some other
 * way; what can, goes back. PostgreSQL's text as pgjdbc returns it, no server needed.
 */
class ReverseRefusalTest {

  private static ReverseValue reverse(PgType type, EncoderOptions opts, List<?> sample) {
    return new ReverseValue("events.at", ColumnShape.of(type, opts, sample));
  }

  private static void refused(ReverseValue r, String pg, String why) {
    assertThatThrownBy(() -> r.fromText(pg))
        .isInstanceOf(ReverseException.class)
        .hasMessageContaining("events.at")
        .hasMessageContaining(pg)
        .hasMessageContaining(why);
  }

  @Test
  void anIntegerEpochColumnCannotHoldMilliseconds() throws Exception {
    ReverseValue r =
        reverse(PgType.TIMESTAMPTZ, EncoderOptions.epoch(EpochUnit.SECONDS), List.of(1714557600L));
    assertThat(r.fromText("2024-05-01 10:00:01+00")).isEqualTo(1714557601L);
    refused(r, "2024-05-01 10:00:00.5+00", "fraction");
  }

  /**
   * now() written on PostgreSQL into a column the application filled to the second: the digits the
   * value needs, in the column's form otherwise, rather than a refusal that stops the rollback.
   */
  @Test
  void textsWithoutFractionsGetTheDigitsAValueNeeds() throws Exception {
    ReverseValue r =
        reverse(PgType.TIMESTAMP, EncoderOptions.DEFAULT, List.of("2024-05-01 10:00:00"));
    assertThat(r.fromText("2024-05-02 11:00:00")).isEqualTo("2024-05-02 11:00:00");
    assertThat(r.fromText("2024-05-02 11:00:00.123")).isEqualTo("2024-05-02 11:00:00.123");
  }

  @Test
  void textsWithoutSecondsCannotHoldSeconds() {
    ReverseValue r = reverse(PgType.TIMESTAMP, EncoderOptions.DEFAULT, List.of("2024-05-01 10:00"));
    refused(r, "2024-05-02 11:00:30", "seconds");
  }

  @Test
  void timesSqliteCannotReadAreRefused() {
    ReverseValue r = reverse(PgType.TIMESTAMP, EncoderOptions.DEFAULT, List.of());
    refused(r, "0044-03-15 10:00:00 BC", "years 0001 to 9999");
    refused(r, "infinity", "years 0001 to 9999");
    refused(r, "10000-01-01 00:00:00", "years 0001 to 9999");
  }

  @Test
  void anEpochNumberHoldsYearsTextCannot() throws Exception {
    ReverseValue r =
        reverse(PgType.TIMESTAMPTZ, EncoderOptions.epoch(EpochUnit.SECONDS), List.of(1714557600L));
    assertThat(r.fromText("10000-01-01 00:00:00+00")).isEqualTo(253402300800L);
    // 1 BC is year 0 of the proleptic calendar, a leap year: 0000-12-31.
    assertThat(r.fromText("0001-12-31 00:00:00+00 BC")).isEqualTo(-62135683200L);
  }

  @Test
  void aWallClockTimeTheSourceZoneShowsTwiceIsRefused() throws Exception {
    ReverseValue r =
        reverse(
            PgType.TIMESTAMPTZ,
            EncoderOptions.DEFAULT.withZone(ZoneId.of("Europe/Berlin")),
            List.of("2024-05-01 12:00:00"));
    assertThat(r.fromText("2024-05-01 10:00:00+00")).isEqualTo("2024-05-01 12:00:00");
    // 2024-10-27 02:30 happened twice in Berlin: 00:30 and 01:30 UTC.
    refused(r, "2024-10-27 00:30:00+00", "happens twice");
  }

  @Test
  void nanHasNoSqliteValue() {
    refused(reverse(PgType.DOUBLE, EncoderOptions.DEFAULT, List.of(1.5)), "NaN", "no exact form");
    refused(reverse(PgType.NUMERIC, EncoderOptions.DEFAULT, List.of(1.5)), "NaN", "no exact form");
  }

  @Test
  void aDurationWithDaysIsNotANumberOfMicroseconds() throws Exception {
    ReverseValue r =
        reverse(
            new PgType(PgType.Kind.INTERVAL, "interval"),
            EncoderOptions.DEFAULT.withIntervalUnit(IntervalUnit.MICROSECONDS),
            List.of(5_000_000L));
    assertThat(r.fromText("26:00:00.5")).isEqualTo(93_600_500_000L);
    refused(r, "1 day 02:00:00", "months or days");
  }

  @Test
  void arraysOfTimesAreNotWrittenBackYet() {
    refused(
        reverse(PgType.arrayOf(PgType.TIMESTAMP), EncoderOptions.DEFAULT, List.of("[]")),
        "{\"2024-05-01 10:00:00\"}",
        "not written back yet");
  }

  @Test
  void aRealTheIntegerColumnCannotHoldExactly() throws Exception {
    ReverseValue r = reverse(PgType.DOUBLE, EncoderOptions.DEFAULT, List.of(3L, 4L));
    assertThat(r.fromText("3")).isEqualTo(3L);
    assertThat(r.fromText("2.5")).isEqualTo(2.5);
    assertThat(r.fromText("-0")).isEqualTo(-0.0);
  }

  @Test
  void nullIsNull() throws Exception {
    assertThat(reverse(PgType.TEXT, EncoderOptions.DEFAULT, List.of()).fromText(null)).isNull();
    assertThat(reverse(PgType.BYTEA, EncoderOptions.DEFAULT, List.of()).fromBytes(null)).isNull();
  }

  @Test
  void theCurrentValueIsKeptWhenItMeansTheSame() throws Exception {
    ReverseValue r = reverse(PgType.JSONB, EncoderOptions.DEFAULT, List.of("{\"b\":1,\"a\":2}"));
    assertThat(r.fromText("{\"a\": 2, \"b\": 1}", "{\"b\":1,\"a\":2}"))
        .isEqualTo("{\"b\":1,\"a\":2}");
    assertThat(r.fromText("{\"a\": 3, \"b\": 1}", "{\"b\":1,\"a\":2}"))
        .isEqualTo("{\"a\":3,\"b\":1}");
    ReverseValue t =
        reverse(PgType.TIMESTAMPTZ, EncoderOptions.DEFAULT, List.of("2024-05-01 10:00:00"));
    assertThat(t.fromText("2024-05-01 10:00:00+00", "2024-05-01T12:00:00+02:00"))
        .isEqualTo("2024-05-01T12:00:00+02:00");
  }
}
