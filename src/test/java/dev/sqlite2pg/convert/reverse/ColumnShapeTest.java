package dev.sqlite2pg.convert.reverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.reverse.TimeText.Fraction;
import dev.sqlite2pg.convert.reverse.TimeText.Layout;
import dev.sqlite2pg.convert.reverse.TimeText.Zone;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a column's sample says about its form; no server needed. */
class ColumnShapeTest {

  private static ColumnShape shape(PgType type, List<?> sample) {
    return ColumnShape.of(type, EncoderOptions.DEFAULT, sample);
  }

  private static TimeText time(List<String> sample) {
    return shape(PgType.TIMESTAMP, sample).time().orElseThrow();
  }

  @Test
  void djangoWritesSixDigitsAndNoneWhenZero() {
    TimeText t = time(List.of("2024-05-01 10:00:00.123456", "2024-05-01 10:00:00"));
    assertThat(t.fraction()).isEqualTo(Fraction.PYTHON);
    assertThat(t.separator()).isEqualTo(' ');
  }

  @Test
  void railsAndSqlalchemyAlwaysWriteSixDigits() {
    TimeText t = time(List.of("2024-05-01 10:00:00.000000", "2024-05-01 10:00:00.123456"));
    assertThat(t.fraction()).isEqualTo(Fraction.FIXED);
    assertThat(t.digits()).isEqualTo(6);
  }

  @Test
  void toIsoStringWritesThreeDigitsAndZ() {
    TimeText t = time(List.of("2024-05-01T10:00:00.000Z"));
    assertThat(t).isEqualTo(new TimeText(Layout.DATETIME, 'T', true, Fraction.FIXED, 3, Zone.Z, 0));
  }

  @Test
  void theDominantPatternWins() {
    TimeText t = time(List.of("2024-05-01T10:00:00", "2024-05-01T11:00:00", "2024-05-01 12:00:00"));
    assertThat(t.separator()).isEqualTo('T');
  }

  @Test
  void anEmptyColumnGetsSqlitesOwnDatetime() {
    assertThat(time(List.of())).isEqualTo(TimeText.SQLITE_DATETIME);
  }

  @Test
  void offsetsAreKeptInTheirStyle() {
    TimeText t = time(List.of("2024-05-01 12:00:00+02:00"));
    assertThat(t.zone()).isEqualTo(Zone.COLON);
    assertThat(t.offsetSeconds()).isEqualTo(7200);
    assertThat(time(List.of("2024-05-01 12:00:00+0200")).zone()).isEqualTo(Zone.COMPACT);
  }

  @Test
  void epochNumbersAsTextAreSeen() {
    assertThat(shape(PgType.TIMESTAMPTZ, List.of("1655847091", "1655847092")).epochText()).isTrue();
  }

  @Test
  void storageClassesGoInOrderOfFrequencyTiesToTheDefault() {
    assertThat(shape(PgType.TEXT, List.of(1L, 2L, "a")).preference().get(0))
        .isEqualTo(Storage.INTEGER);
    assertThat(shape(PgType.TEXT, List.of(1L, "a")).preference().get(0)).isEqualTo(Storage.TEXT);
    assertThat(shape(PgType.BOOLEAN, List.of()).preference()).containsExactly(Storage.INTEGER);
    assertThat(shape(PgType.NUMERIC, List.of()).preference())
        .containsExactly(Storage.INTEGER, Storage.REAL);
    assertThat(shape(PgType.TIMESTAMP, List.of("2024-05-01")).preference())
        .containsExactly(Storage.TEXT);
  }

  @Test
  void booleanSpellingsKeepTheirCaseAndPair() {
    assertThat(shape(PgType.BOOLEAN, List.of("True")).bools())
        .isEqualTo(new TextForms.Bools("True", "False"));
    assertThat(shape(PgType.BOOLEAN, List.of("N", "Y")).bools())
        .isEqualTo(new TextForms.Bools("Y", "N"));
    assertThat(shape(PgType.BOOLEAN, List.of("f")).bools())
        .isEqualTo(new TextForms.Bools("t", "f"));
  }

  @Test
  void uuidForms() {
    PgType uuid = new PgType(PgType.Kind.UUID, "uuid");
    assertThat(shape(uuid, List.of("0f8fad5bd9cb469fa16570867728950e")).uuids())
        .isEqualTo(new TextForms.Uuids(false, false, false));
    assertThat(shape(uuid, List.of("{0F8FAD5B-D9CB-469F-A165-70867728950E}")).uuids())
        .isEqualTo(new TextForms.Uuids(true, true, true));
  }

  @Test
  void jsonLayouts() {
    assertThat(shape(PgType.JSONB, List.of("{\"a\": 1}")).json().compact()).isFalse();
    assertThat(shape(PgType.JSONB, List.of("{\"a\":1}")).json().compact()).isTrue();
    assertThat(shape(PgType.JSONB, List.of("{\"a\": \"caf\\u00e9\"}")).json().asciiOnly()).isTrue();
    assertThat(shape(PgType.JSONB, List.of("[\n    1\n]")).json().indent()).isEqualTo(4);
    // A tie between compact and spaced goes to SQLite's json(), which is compact.
    assertThat(shape(PgType.JSONB, List.of("[1,2]", "[1, 2]")).json().compact()).isTrue();
  }

  @Test
  void jsonbOutputIsWrittenInTheLearnedLayout() {
    String pg = "{\"a\": [1, 2], \"bb\": {\"c\": \"é, x: y\"}, \"e\": []}";
    assertThat(new TextForms.Json(true, false, 0, false).write(pg))
        .isEqualTo("{\"a\":[1,2],\"bb\":{\"c\":\"é, x: y\"},\"e\":[]}");
    assertThat(new TextForms.Json(false, true, 0, false).write(pg))
        .isEqualTo("{\"a\": [1, 2], \"bb\": {\"c\": \"\\u00e9, x: y\"}, \"e\": []}");
    assertThat(new TextForms.Json(false, false, 2, false).write(pg))
        .isEqualTo(
            "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"bb\": {\n    \"c\": \"é, x: y\"\n  },\n"
                + "  \"e\": []\n}");
  }

  @Test
  void numericTextsWithoutTrailingZeros() {
    assertThat(shape(PgType.numeric(10, 2), List.of("10.5", "7")).trimmedDecimals()).isTrue();
    assertThat(shape(PgType.numeric(10, 2), List.of("10.50")).trimmedDecimals()).isFalse();
  }

  @Test
  void widenedFloatsAreToldFromDecimals() {
    PgType real = new PgType(PgType.Kind.REAL, "real");
    assertThat(shape(real, List.of((double) 0.1f, (double) 0.87f)).floatBits()).isTrue();
    assertThat(shape(real, List.of(0.1, 0.87)).floatBits()).isFalse();
  }
}
