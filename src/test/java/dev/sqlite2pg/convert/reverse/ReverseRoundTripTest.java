package dev.sqlite2pg.convert.reverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.EpochUnit;
import dev.sqlite2pg.convert.IntervalUnit;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.TimeValues;
import dev.sqlite2pg.testing.NeedsServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per way an application writes a column: the values go into a SQLite column declared
 * as that application declares it, forward through the real encoder and binary COPY into
 * PostgreSQL, come back as pgjdbc's text, are reversed in the shape learned from the column, and
 * must equal the originals exactly (typeof() and value) and hash as PostgreSQL's values do in
 * verify.
 */
@NeedsServer
class ReverseRoundTripTest {

  @TempDir static Path dir;
  private static ReverseHarness harness;

  /** Who writes the column this way, its declared type, the planned type and options, values. */
  record Fixture(String who, String declared, PgType type, EncoderOptions opts, List<?> values) {
    @Override
    public String toString() {
      return who;
    }
  }

  @BeforeAll
  static void open() throws Exception {
    harness = new ReverseHarness("reverse_round_trip", dir);
  }

  @AfterAll
  static void close() throws Exception {
    harness.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void comesBackAsTheApplicationWroteIt(Fixture f) throws Exception {
    ReverseHarness.Outcome o = harness.run(f.declared(), f.type(), f.opts(), f.values());
    assertThat(o.forwardRefused()).as("refused by the copy").isZero();
    assertThat(o.problems()).as("shape %s", o.shape()).isEmpty();
    assertThat(o.allExact()).as("%s", o).isTrue();
    assertThat(o.exactWithCurrent()).as("kept as they are in SQLite").isEqualTo(o.values());
  }

  private static final EncoderOptions DEFAULT = EncoderOptions.DEFAULT;
  private static final PgType TIMESTAMP6 = PgType.TIMESTAMP;

  static Stream<Fixture> fixtures() {
    return Stream.of(
        new Fixture(
            "Django DateTimeField: isoformat(' '), six digits, none when zero",
            "datetime",
            TIMESTAMP6,
            DEFAULT,
            Arrays.asList(
                "2024-05-01 10:00:00.123456",
                "2024-05-01 10:00:00",
                "2023-12-31 23:59:59.000001",
                "2024-02-29 00:00:00.250000",
                null)),
        new Fixture(
            "Rails datetime(6): always six digits",
            "datetime(6)",
            TIMESTAMP6,
            DEFAULT,
            List.of(
                "2024-05-01 10:00:00.123456",
                "2024-05-01 10:00:00.000000",
                "1999-12-31 23:59:59.100000")),
        new Fixture(
            "SQLAlchemy DateTime: '%Y-%m-%d %H:%M:%S.%f'",
            "DATETIME",
            TIMESTAMP6,
            DEFAULT,
            List.of("2024-05-01 10:00:00.000000", "2024-05-01 10:00:01.500000")),
        new Fixture(
            "Python datetime.isoformat(): 'T' separator",
            "TIMESTAMP",
            TIMESTAMP6,
            DEFAULT,
            List.of("2024-05-01T10:00:00", "2024-05-01T10:00:00.500000", "2024-05-02T08:15:30")),
        new Fixture(
            "SQLite datetime('now'): seconds, no fraction, no zone",
            "TEXT",
            TIMESTAMP6,
            DEFAULT,
            List.of("2024-05-01 10:00:00", "2024-05-01 23:59:59")),
        new Fixture(
            "JavaScript toISOString(): three digits and 'Z'",
            "TEXT",
            PgType.TIMESTAMPTZ,
            DEFAULT,
            List.of("2024-05-01T10:00:00.000Z", "2024-05-01T10:00:00.123Z")),
        new Fixture(
            "Python aware isoformat(): '+00:00'",
            "TEXT",
            PgType.TIMESTAMPTZ,
            DEFAULT,
            List.of("2024-05-01T10:00:00+00:00", "2024-05-01T10:00:00.250000+00:00")),
        new Fixture(
            "local times written with their offset, +02:00 (an application in Europe/Berlin, summer)",
            "TEXT",
            PgType.TIMESTAMPTZ,
            DEFAULT,
            List.of("2024-05-01 12:00:00+02:00", "2024-06-01 08:30:00+02:00")),
        new Fixture(
            "JavaScript Date.now() / Prisma: epoch milliseconds",
            "INTEGER",
            PgType.TIMESTAMPTZ,
            EncoderOptions.epoch(EpochUnit.MILLIS),
            List.of(1714557600123L, 1714557600000L, 0L)),
        new Fixture(
            "time() / strftime('%s'): epoch seconds",
            "INTEGER",
            PgType.TIMESTAMPTZ,
            EncoderOptions.epoch(EpochUnit.SECONDS),
            List.of(1714557600L, 1L, -86400L)),
        new Fixture(
            "epoch microseconds (Go's UnixMicro)",
            "BIGINT",
            PgType.TIMESTAMPTZ,
            EncoderOptions.epoch(EpochUnit.MICROS),
            List.of(1714557600123456L)),
        new Fixture(
            "Python time.time(): REAL epoch seconds",
            "REAL",
            PgType.TIMESTAMPTZ,
            EncoderOptions.epoch(EpochUnit.SECONDS),
            List.of(1714557600.25, 1714557600.5, 1714557601.0)),
        new Fixture(
            "SQLite julianday(): REAL Julian days",
            "REAL",
            PgType.TIMESTAMP,
            EncoderOptions.julianDays(),
            List.of(
                TimeValues.microsToJulianDay(1_714_557_600_000_000L),
                TimeValues.microsToJulianDay(0L))),
        new Fixture(
            "int(time.time()) into a TEXT column: epoch seconds as text",
            "TEXT",
            PgType.TIMESTAMPTZ,
            EncoderOptions.epoch(EpochUnit.SECONDS),
            List.of("1655847091", "1714557600")),
        new Fixture(
            "date('now') / Django DateField",
            "date",
            PgType.DATE,
            DEFAULT,
            List.of("2024-05-01", "0001-01-01", "9999-12-31")),
        new Fixture(
            "Django TimeField: time.isoformat()",
            "time",
            PgType.TIME,
            DEFAULT,
            List.of("14:30:00", "14:30:00.250000", "00:00:00")),
        new Fixture(
            "Rails time column: a datetime on 2000-01-01",
            "time",
            PgType.TIME,
            DEFAULT.withDatedFrom(LocalDate.of(2000, 1, 1)),
            List.of("2000-01-01 07:30:00", "2000-01-01 23:59:59")),
        new Fixture(
            "time of day with its offset (timetz)",
            "TEXT",
            new PgType(PgType.Kind.TIMETZ, "timetz"),
            DEFAULT,
            List.of("14:30:00+02:00", "09:00:00-05:30")),
        new Fixture(
            "Django DurationField: bigint microseconds",
            "bigint",
            new PgType(PgType.Kind.INTERVAL, "interval"),
            DEFAULT.withIntervalUnit(IntervalUnit.MICROSECONDS),
            List.of(86_400_000_000L, 1L, -5_000_000L)),
        new Fixture(
            "SQLAlchemy Interval: 1970-01-01 plus the duration",
            "DATETIME",
            new PgType(PgType.Kind.INTERVAL, "interval"),
            DEFAULT.withDatedFrom(LocalDate.of(1970, 1, 1)),
            List.of("1970-01-01 00:00:05.000000", "1970-01-02 01:00:00.500000")),
        new Fixture(
            "Django, Rails, SQLAlchemy BooleanField: 0/1 integers",
            "bool",
            PgType.BOOLEAN,
            DEFAULT,
            Arrays.asList(1L, 0L, null)),
        new Fixture(
            "Rails 5.1 and older: 't'/'f' text",
            "boolean",
            PgType.BOOLEAN,
            DEFAULT,
            List.of("t", "f", "t")),
        new Fixture(
            "JavaScript String(true): 'true'/'false'",
            "TEXT",
            PgType.BOOLEAN,
            DEFAULT,
            List.of("true", "false")),
        new Fixture(
            "Python str(True): 'True' (and 'False' never sampled)",
            "TEXT",
            PgType.BOOLEAN,
            DEFAULT,
            List.of("True", "True")),
        new Fixture(
            "Django JSONField: json.dumps, spaced, ensure_ascii",
            "text",
            PgType.JSONB,
            DEFAULT,
            List.of("{\"a\": 1, \"b\": [1, 2]}", "{\"name\": \"caf\\u00e9\"}", "[]")),
        new Fixture(
            "Prisma / JSON.stringify: compact",
            "TEXT",
            PgType.JSONB,
            DEFAULT,
            List.of("{\"a\":1,\"bb\":[true,null,\"x y\"]}", "{\"id\":\"café\"}")),
        new Fixture(
            "JSON.stringify(v, null, 2) / json.dumps(v, indent=2): indented (PocketBase's demo)",
            "JSON",
            PgType.JSONB,
            DEFAULT,
            List.of("[\n  1,\n  2\n]", "{\n  \"a\": [],\n  \"bb\": {\n    \"c\": null\n  }\n}")),
        new Fixture(
            "indented JSON typed into a browser's text area on Windows: CR LF (PocketBase)",
            "JSON",
            PgType.JSONB,
            DEFAULT,
            List.of("[\r\n  1,\r\n  2,\r\n  3\r\n]")),
        new Fixture(
            "json column kept as written (json, not jsonb)",
            "JSON",
            new PgType(PgType.Kind.JSON, "json"),
            DEFAULT,
            List.of("{ \"b\" : 1,  \"a\":2 }", "[1,2]")),
        new Fixture(
            "REAL column holding integral values (prices 3.0)",
            "REAL",
            PgType.DOUBLE,
            DEFAULT,
            List.of(3.0, 2.5, 0.1, -0.0, 1e300, Double.POSITIVE_INFINITY)),
        new Fixture(
            "untyped column of mostly integers and a few reals (no affinity keeps 3.0 apart from 3)",
            "",
            PgType.NUMERIC,
            DEFAULT,
            List.of(3L, 7L, 2.5, 10L)),
        new Fixture(
            "Chinook's NUMERIC(10,2) UnitPrice: 0.99 as REAL",
            "NUMERIC(10,2)",
            PgType.numeric(10, 2),
            DEFAULT,
            List.of(0.99, 1.99, 13.86, 1L)),
        new Fixture(
            "Python str(Decimal) in a TEXT column cast to numeric(10,2)",
            "TEXT",
            PgType.numeric(10, 2),
            DEFAULT,
            List.of("10.5", "3.25", "7")),
        new Fixture(
            "INTEGER primary keys and counters, all of 64 bits",
            "INTEGER",
            PgType.BIGINT,
            DEFAULT,
            List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 42L)),
        new Fixture(
            "untyped column mixing integers, text and a real (datasette's untyped columns)",
            "",
            PgType.TEXT,
            DEFAULT,
            List.of(42L, 7L, 9L, "abc", 3.5, "007")),
        new Fixture(
            "text with every kind of character",
            "TEXT",
            PgType.TEXT,
            DEFAULT,
            List.of("", " trailing ", "naïve café 🎉", "\\N", "line\nbreak")),
        new Fixture(
            "Django UUIDField: char(32) hex without hyphens",
            "char(32)",
            new PgType(PgType.Kind.UUID, "uuid"),
            DEFAULT,
            List.of("0f8fad5bd9cb469fa16570867728950e", "7c9e6679742540de944be07fc1f90ae7")),
        new Fixture(
            "Prisma uuid(): 36 characters, lower case",
            "TEXT",
            new PgType(PgType.Kind.UUID, "uuid"),
            DEFAULT,
            List.of("0f8fad5b-d9cb-469f-a165-70867728950e")),
        new Fixture(
            ".NET Guid.ToString(\"D\").ToUpper(): 36 characters, upper case",
            "TEXT",
            new PgType(PgType.Kind.UUID, "uuid"),
            DEFAULT,
            List.of("0F8FAD5B-D9CB-469F-A165-70867728950E")),
        new Fixture(
            "Python uuid.bytes: 16-byte blobs",
            "BLOB",
            new PgType(PgType.Kind.UUID, "uuid"),
            DEFAULT,
            List.of(HexFormat.of().parseHex("0f8fad5bd9cb469fa16570867728950e"))),
        new Fixture(
            "blobs: thumbnails, hashes, bytes that are not UTF-8",
            "BLOB",
            PgType.BYTEA,
            DEFAULT,
            List.of(
                new byte[] {0, 1, (byte) 0xff},
                new byte[0],
                "text in a blob".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        new Fixture(
            "char(5) codes written without padding",
            "CHAR(5)",
            new PgType(PgType.Kind.BPCHAR, "char(5)"),
            DEFAULT,
            List.of("ab", "abcde")),
        new Fixture(
            "a Java float written as REAL ((double) 0.87f) into a real column",
            "REAL",
            new PgType(PgType.Kind.REAL, "real"),
            DEFAULT,
            List.of((double) 0.87f, (double) 0.1f, 2.0)),
        new Fixture(
            "short decimals into a real (4-byte) column",
            "REAL",
            new PgType(PgType.Kind.REAL, "real"),
            DEFAULT,
            List.of(0.87, 0.1, 2.0)),
        new Fixture(
            "Rails serialize / SQLAlchemy JSON list cast to bigint[]: compact JSON arrays",
            "TEXT",
            PgType.arrayOf(PgType.BIGINT),
            DEFAULT,
            List.of("[1,2,3]", "[]", "[-9223372036854775808,null]")),
        new Fixture(
            "json.dumps(list) cast to text[]: spaced, ensure_ascii",
            "TEXT",
            PgType.arrayOf(PgType.TEXT),
            DEFAULT,
            List.of(
                "[\"a b\", \"c,d\", \"q\\\"uote\", \"NULL\", null]", "[\"caf\\u00e9\", \"{x}\"]")),
        new Fixture(
            "JSON list of booleans cast to boolean[]",
            "TEXT",
            PgType.arrayOf(PgType.BOOLEAN),
            DEFAULT,
            List.of("[true,false]")),
        new Fixture(
            "Django GenericIPAddressField: IPv4 and lower-case IPv6 text, cast to inet",
            "char(39)",
            new PgType(PgType.Kind.INET, "inet"),
            DEFAULT,
            List.of("192.168.0.1", "10.0.0.1/8", "2001:db8::1")),
        new Fixture(
            "networks as text, cast to cidr",
            "TEXT",
            new PgType(PgType.Kind.CIDR, "cidr"),
            DEFAULT,
            List.of("10.0.0.0/8", "192.168.1.0/24")),
        new Fixture(
            "MAC addresses as lower-case, colon-separated text, cast to macaddr",
            "TEXT",
            new PgType(PgType.Kind.MACADDR, "macaddr"),
            DEFAULT,
            List.of("08:00:2b:01:02:03")),
        new Fixture(
            "Windows' getmac: upper case, hyphens, cast to macaddr",
            "TEXT",
            new PgType(PgType.Kind.MACADDR, "macaddr"),
            DEFAULT,
            List.of("08-00-2B-01-02-03", "00-1A-2B-3C-4D-5E")),
        new Fixture(
            "IPv6 written in upper case, cast to inet",
            "TEXT",
            new PgType(PgType.Kind.INET, "inet"),
            DEFAULT,
            List.of("FE80::1", "2001:DB8::A")),
        new Fixture(
            "Django SmallIntegerField and IntegerField, cast to smallint and integer",
            "smallint",
            new PgType(PgType.Kind.SMALLINT, "smallint"),
            DEFAULT,
            List.of(-32768L, 32767L, 0L)),
        new Fixture(
            "timestamp(3): JavaScript milliseconds as text, into a column that keeps three digits",
            "TEXT",
            new PgType(PgType.Kind.TIMESTAMP, "timestamp(3)"),
            DEFAULT,
            List.of("2024-05-01T10:00:00.120", "2024-05-01T10:00:00.000")),
        new Fixture(
            "SQLAlchemy Enum as text labels",
            "VARCHAR(7)",
            PgType.enumType("status", List.of("draft", "live")),
            DEFAULT,
            List.of("draft", "live")));
  }
}
