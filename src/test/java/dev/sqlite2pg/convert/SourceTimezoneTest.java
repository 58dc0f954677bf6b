package dev.sqlite2pg.convert;

import static dev.sqlite2pg.convert.EncodersTest.field;
import static dev.sqlite2pg.convert.EncodersTest.reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * --source-timezone: an application that wrote local wall-clock times ("2024-07-01 12:00:00"
 * meaning Paris time) into SQLite gets the right instants in timestamptz.
 */
class SourceTimezoneTest {

  private static final EncoderOptions PARIS =
      EncoderOptions.DEFAULT.withZone(ZoneId.of("Europe/Paris"));

  private static long micros(byte[] field) {
    return ByteBuffer.wrap(field).getLong() + TimeValues.PG_EPOCH_MICROS;
  }

  @Test
  void zoneLessTextIsReadInTheSourceZone() throws Exception {
    assertThat(micros(field(PgType.TIMESTAMPTZ, PARIS, "2024-07-01 12:00:00")))
        .isEqualTo(Instant.parse("2024-07-01T10:00:00Z").getEpochSecond() * 1_000_000L);
    assertThat(micros(field(PgType.TIMESTAMPTZ, PARIS, "2024-01-15 12:00:00.5")))
        .isEqualTo(
            Instant.parse("2024-01-15T11:00:00.5Z").getEpochSecond() * 1_000_000L + 500_000L);
  }

  @Test
  void explicitOffsetsAndEpochsIgnoreTheSourceZone() throws Exception {
    assertThat(micros(field(PgType.TIMESTAMPTZ, PARIS, "2024-07-01 12:00:00Z")))
        .isEqualTo(Instant.parse("2024-07-01T12:00:00Z").getEpochSecond() * 1_000_000L);
    assertThat(micros(field(PgType.TIMESTAMPTZ, PARIS, 1_700_000_000L)))
        .isEqualTo(1_700_000_000L * 1_000_000L);
  }

  @Test
  void timesThatDaylightSavingSkipsOrRepeatsAreRefused() {
    assertThat(reason(PgType.TIMESTAMPTZ, PARIS, "2024-03-31 02:30:00"))
        .contains("does not exist in Europe/Paris");
    assertThat(reason(PgType.TIMESTAMPTZ, PARIS, "2024-10-27 02:30:00"))
        .contains("happens twice in Europe/Paris");
  }

  @Test
  void timestampWithoutZoneKeepsTheWallClock() throws Exception {
    assertThat(micros(field(PgType.TIMESTAMP, PARIS, "2024-07-01 12:00:00")))
        .isEqualTo(Instant.parse("2024-07-01T12:00:00Z").getEpochSecond() * 1_000_000L);
  }
}
