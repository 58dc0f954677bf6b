package dev.sqlite2pg.convert.reverse;

import static dev.sqlite2pg.testing.Seeded.bytes;
import static dev.sqlite2pg.testing.Seeded.decimals;
import static dev.sqlite2pg.testing.Seeded.doubles;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.listOf;
import static dev.sqlite2pg.testing.Seeded.longs;
import static dev.sqlite2pg.testing.Seeded.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.EpochUnit;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.Seeded.Gen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded columns of values as applications write them go there and back exactly: each try is one
 * column (a writer's style and a list of its values) through {@link ReverseHarness}: SQLite, the
 * copy's encoder, PostgreSQL, the reverse in the learned shape, SQLite again, and verify's hash.
 */
@NeedsServer
class ReverseProperties {

  @TempDir static Path dir;
  private static ReverseHarness harness;

  /** 0001-01-01T00:00Z and 9999-12-31T23:59:59.999999Z in Unix microseconds. */
  private static final long FIRST = -62_135_596_800_000_000L;

  private static final long LAST = 253_402_300_799_999_999L;

  record Column(String declared, PgType type, EncoderOptions opts, List<?> values) {}

  @BeforeAll
  static void open() throws Exception {
    harness = new ReverseHarness("reverse_properties", dir);
  }

  @AfterAll
  static void close() throws Exception {
    harness.close();
  }

  private static void exact(Column c) throws Exception {
    ReverseHarness.Outcome o = harness.run(c.declared(), c.type(), c.opts(), c.values());
    assertThat(o.problems()).as("shape %s", o.shape()).isEmpty();
    assertThat(o.allExact()).as("%s", o).isTrue();
  }

  @Test
  void datetimeTextsInEveryWritersStyle() {
    forAll(
        "datetimeTextsInEveryWritersStyle",
        30,
        ReverseProperties::datetimes,
        ReverseProperties::exact);
  }

  /**
   * One writer's style, drawn: ' ' or 'T'; no fraction (SQLite), three digits (JavaScript), six
   * (Rails, SQLAlchemy) or six unless zero (Python, Django); no zone, 'Z' or '+00:00'.
   */
  private static Column datetimes(SplittableRandom r) {
    char sep = r.nextBoolean() ? ' ' : 'T';
    int fraction = new int[] {0, 3, 6, -1}[r.nextInt(4)];
    String zone = new String[] {"", "Z", "+00:00"}[r.nextInt(3)];
    List<String> values = new ArrayList<>();
    int n = 2 + r.nextInt(30);
    for (int i = 0; i < n; i++) {
      long micros = r.nextLong(FIRST, LAST + 1);
      long frac = Math.floorMod(micros, 1_000_000L);
      if (fraction == 0 || (fraction == -1 && (i == 0 || r.nextInt(4) == 0))) {
        micros -= frac;
      } else if (fraction == 3) {
        micros -= frac % 1000;
      } else if (fraction == -1 && frac == 0) {
        micros += 1 + r.nextInt(999_998); // the column shows both forms
      }
      values.add(text(micros, sep, fraction, zone));
    }
    return new Column(
        "DATETIME",
        zone.isEmpty() ? PgType.TIMESTAMP : PgType.TIMESTAMPTZ,
        EncoderOptions.DEFAULT,
        values);
  }

  private static String text(long micros, char sep, int fraction, String zone) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC);
    long frac = Math.floorMod(micros, 1_000_000L);
    String s =
        String.format(
            Locale.ROOT,
            "%04d-%02d-%02d%c%02d:%02d:%02d",
            t.getYear(),
            t.getMonthValue(),
            t.getDayOfMonth(),
            sep,
            t.getHour(),
            t.getMinute(),
            t.getSecond());
    String six = String.format(Locale.ROOT, "%06d", frac);
    if (fraction == 3) {
      s += "." + six.substring(0, 3);
    } else if (fraction == 6 || (fraction == -1 && frac != 0)) {
      s += "." + six;
    }
    return s + zone;
  }

  @Test
  void epochNumbersInTheirUnit() {
    forAll(
        "epochNumbersInTheirUnit",
        20,
        r -> {
          EpochUnit unit = EpochUnit.values()[r.nextInt(3)];
          long per = 1_000_000L / unit.micros();
          Gen<Long> v = x -> Math.floorDiv(x.nextLong(FIRST, LAST + 1), unit.micros());
          List<Long> values = listOf(v, 40).next(r);
          return new Column(
              "INTEGER",
              PgType.TIMESTAMPTZ,
              EncoderOptions.epoch(unit),
              values.isEmpty() ? List.of(per) : values);
        },
        ReverseProperties::exact);
  }

  @Test
  void everyLongInAnIntegerColumn() {
    forAll(
        "everyLongInAnIntegerColumn",
        15,
        listOf(longs(), 100)
            .map(v -> new Column("INTEGER", PgType.BIGINT, EncoderOptions.DEFAULT, v)),
        ReverseProperties::exact);
  }

  @Test
  void everyDoubleButNanInARealColumn() {
    forAll(
        "everyDoubleButNanInARealColumn",
        15,
        listOf(doubles().filter(d -> !Double.isNaN(d)), 100)
            .map(v -> new Column("REAL", PgType.DOUBLE, EncoderOptions.DEFAULT, v)),
        ReverseProperties::exact);
  }

  @Test
  void decimalsAsRealsInANumericColumn() {
    forAll(
        "decimalsAsRealsInANumericColumn",
        15,
        listOf(decimals().map(d -> d.doubleValue()).filter(Double::isFinite), 60)
            .map(v -> new Column("NUMERIC", PgType.NUMERIC, EncoderOptions.DEFAULT, v)),
        ReverseProperties::exact);
  }

  @Test
  void everyTextInATextColumn() {
    forAll(
        "everyTextInATextColumn",
        15,
        listOf(strings(40), 60)
            .map(
                v ->
                    new Column(
                        "TEXT",
                        PgType.TEXT,
                        EncoderOptions.DEFAULT,
                        v.stream()
                            .map(s -> s.replace('\0', ' '))
                            .map(
                                s ->
                                    new String(
                                        s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                            .toList())),
        ReverseProperties::exact);
  }

  @Test
  void everyByteStringInABlobColumn() {
    forAll(
        "everyByteStringInABlobColumn",
        15,
        listOf(bytes(40), 60).map(v -> new Column("BLOB", PgType.BYTEA, EncoderOptions.DEFAULT, v)),
        ReverseProperties::exact);
  }
}
