package dev.sqlite2pg.convert;

import static dev.sqlite2pg.convert.EncodersTest.field;
import static dev.sqlite2pg.convert.EncodersTest.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.MigrationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The column types applications create for themselves (Django 3.2, SQLAlchemy, Rails), value by
 * value without a server: the bytes written are those of the type's send function, and what does
 * not fit is refused with a one-line reason. TargetTypesTest checks the same against PostgreSQL.
 */
class TargetTypesEncodersTest {

  private static final PgType TIMETZ = PgTypes.parse("time with time zone");
  private static final PgType INTERVAL = PgTypes.parse("interval");
  private static final EncoderOptions MICROS =
      EncoderOptions.DEFAULT.withIntervalUnit(IntervalUnit.MICROSECONDS);

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static long int8(PgType t, Object v) throws ConversionException {
    return ByteBuffer.wrap(field(t, v)).getLong();
  }

  /** {micros, days, months} of an interval field. */
  private static List<Long> interval(EncoderOptions o, Object v) throws ConversionException {
    ByteBuffer b = ByteBuffer.wrap(field(INTERVAL, o, v));
    return List.of(b.getLong(), (long) b.getInt(), (long) b.getInt());
  }

  private static List<Long> interval(Object v) throws ConversionException {
    return interval(EncoderOptions.DEFAULT, v);
  }

  @Test
  void formatTypeNamesParse() {
    assertThat(PgTypes.parse("character varying(40)"))
        .isEqualTo(new PgType(PgType.Kind.TEXT, "varchar(40)"));
    assertThat(PgTypes.parse("character varying(40)").length()).hasValue(40);
    assertThat(PgTypes.parse("character(32)"))
        .isEqualTo(new PgType(PgType.Kind.BPCHAR, "char(32)"));
    assertThat(PgTypes.parse("time without time zone").kind()).isEqualTo(PgType.Kind.TIME);
    assertThat(PgTypes.parse("time(6) with time zone"))
        .isEqualTo(new PgType(PgType.Kind.TIMETZ, "time(6) with time zone"));
    assertThat(PgTypes.parse("timestamp(6) without time zone").kind())
        .isEqualTo(PgType.Kind.TIMESTAMP);
    assertThat(PgTypes.parse("timestamp(3) with time zone").precision()).isEqualTo(3);
    assertThat(PgTypes.parse("interval").kind()).isEqualTo(PgType.Kind.INTERVAL);
    assertThat(PgTypes.parse("inet").kind()).isEqualTo(PgType.Kind.INET);
    assertThat(PgTypes.parse("cidr").kind()).isEqualTo(PgType.Kind.CIDR);
    assertThat(PgTypes.parse("macaddr").kind()).isEqualTo(PgType.Kind.MACADDR);
    assertThat(PgTypes.parse("citext")).isEqualTo(new PgType(PgType.Kind.TEXT, "citext"));
    assertThat(PgTypes.parse("text[]")).isEqualTo(PgType.arrayOf(PgType.TEXT));
    assertThat(PgTypes.parse("character varying(20)[]").element().orElseThrow().length())
        .hasValue(20);
    assertThat(PgTypes.known("jsonb[]")).as("no fixed element OID the tool writes").isEmpty();
    assertThat(PgTypes.known("mood")).as("an enum is known by the catalog, not by name").isEmpty();
    assertThatThrownBy(() -> PgTypes.parse("money"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("interval")
        .hasMessageContaining("inet")
        .hasMessageContaining("text[]");
  }

  @Test
  void timeFromDjangoTimeFieldText() throws Exception {
    assertThat(int8(PgType.TIME, "14:30:00")).isEqualTo(52_200_000_000L);
    assertThat(int8(PgType.TIME, "14:30")).isEqualTo(52_200_000_000L);
    assertThat(int8(PgType.TIME, "14:30:00.250000")).isEqualTo(52_200_250_000L);
    assertThat(int8(PgType.TIME, "9:05:00.5")).isEqualTo(32_700_500_000L);
    assertThat(int8(PgType.TIME, "24:00:00")).isEqualTo(86_400_000_000L);
    assertThat(reason(PgType.TIME, "24:00:01"))
        .isEqualTo("text '24:00:01' is not a time of day (00:00:00 to 24:00:00)");
    assertThat(reason(PgType.TIME, "14:30:00+02:00"))
        .contains("has a zone offset")
        .contains("timetz");
    assertThat(reason(PgType.TIME, "14:30:00.1234567")).contains("more than 6 fractional digits");
    assertThat(reason(PgType.TIME, "noon"))
        .isEqualTo("text 'noon' is not a time (HH:MM[:SS[.ffffff]])");
    assertThat(reason(PgType.TIME, 52200L)).contains("integer 52200 is not a time");
    assertThat(reason(PgTypes.parse("time(0)"), "14:30:00.5"))
        .contains("more fractional digits than time(0) keeps");
  }

  @Test
  void timetzKeepsTheOffsetAsSecondsWestAndReadsNoOffsetAsUtc() throws Exception {
    assertThat(hex(field(TIMETZ, "14:30:00+02:00"))).isEqualTo("0000000c275cca00" + "ffffe3e0");
    assertThat(hex(field(TIMETZ, "14:30:00-05:30"))).isEqualTo("0000000c275cca00" + "00004d58");
    assertThat(hex(field(TIMETZ, "14:30:00"))).isEqualTo("0000000c275cca00" + "00000000");
    assertThat(hex(field(TIMETZ, "14:30:00Z"))).isEqualTo("0000000c275cca00" + "00000000");
    assertThat(reason(TIMETZ, "14:30:00+16:00")).contains("is not a timetz");
  }

  @Test
  void intervalKeepsMonthsDaysAndTimeApartAsPostgresInputDoes() throws Exception {
    long h = 3_600_000_000L;
    assertThat(interval("P1DT2H30M")).containsExactly(2 * h + h / 2, 1L, 0L);
    assertThat(interval("PT0.5S")).containsExactly(500_000L, 0L, 0L);
    assertThat(interval("-P1D")).containsExactly(0L, -1L, 0L);
    assertThat(interval("P1Y2M3W")).containsExactly(0L, 21L, 14L);
    assertThat(interval("P1.5D")).containsExactly(12 * h, 1L, 0L);
    assertThat(interval("1 day 02:00:00")).containsExactly(2 * h, 1L, 0L);
    assertThat(interval("-00:00:01.5")).containsExactly(-1_500_000L, 0L, 0L);
    assertThat(interval("3 mons 2 days")).containsExactly(0L, 2L, 3L);
    assertThat(interval("1 year 2 mons 3 days 04:05:06.789"))
        .containsExactly(4 * h + 5 * 60_000_000L + 6_789_000L, 3L, 14L);
    assertThat(interval("-1 days +02:03:00")).containsExactly(2 * h + 3 * 60_000_000L, -1L, 0L);
    assertThat(interval("36 hours")).as("not normalised to days").containsExactly(36 * h, 0L, 0L);
    assertThat(interval("36:00:00")).containsExactly(36 * h, 0L, 0L);
    assertThat(interval("1 02:00:00")).containsExactly(2 * h, 1L, 0L);
    assertThat(interval("1 day, 2:00:00"))
        .as("Python's str(timedelta)")
        .containsExactly(2 * h, 1L, 0L);
    assertThat(interval("1 day ago")).containsExactly(0L, -1L, 0L);
    assertThat(interval("00:00:00")).containsExactly(0L, 0L, 0L);
  }

  @Test
  void intervalNumbersNeedAStatedUnit() throws Exception {
    // Django 3.2's DurationField on SQLite: bigint microseconds.
    assertThat(interval(MICROS, 5_400_000_000L)).containsExactly(5_400_000_000L, 0L, 0L);
    assertThat(interval(MICROS, "5400000000")).containsExactly(5_400_000_000L, 0L, 0L);
    assertThat(interval(EncoderOptions.DEFAULT.withIntervalUnit(IntervalUnit.SECONDS), 90L))
        .containsExactly(90_000_000L, 0L, 0L);
    assertThat(interval(EncoderOptions.DEFAULT.withIntervalUnit(IntervalUnit.MILLISECONDS), 1.5))
        .containsExactly(1_500L, 0L, 0L);
    assertThat(reason(INTERVAL, 5_400_000_000L))
        .isEqualTo(
            "integer 5400000000 is a number in an interval column whose unit is not stated; state"
                + " it, e.g. --cast 'table.column=interval:microseconds' (Django's DurationField)");
    assertThat(reason(INTERVAL, MICROS, 0.5)).contains("is not a whole number of microseconds");
    assertThat(
            reason(
                INTERVAL,
                EncoderOptions.DEFAULT.withIntervalUnit(IntervalUnit.SECONDS),
                Long.MAX_VALUE))
        .contains("out of range for interval");
  }

  @Test
  void intervalRefusesWhatPostgresWouldRoundOrNotRead() {
    assertThat(reason(INTERVAL, "PT0.0000005S")).contains("finer than a microsecond");
    assertThat(reason(INTERVAL, "00:00:00.1234567")).contains("finer than a microsecond");
    assertThat(reason(INTERVAL, "P0.3Y")).contains("finer than a microsecond");
    assertThat(reason(INTERVAL, "1 fortnight")).contains("is not an interval");
    assertThat(reason(INTERVAL, "PT1H2Y")).contains("is not an interval");
    assertThat(reason(INTERVAL, "00:60:00")).contains("is not an interval");
    assertThat(reason(INTERVAL, new byte[] {1})).contains("is not an interval");
  }

  @Test
  void inetCidrAndMacaddrAsTheirSendFunctionsGiveThem() throws Exception {
    PgType inet = PgTypes.parse("inet");
    PgType cidr = PgTypes.parse("cidr");
    assertThat(hex(field(inet, "192.168.1.5"))).isEqualTo("02200004c0a80105");
    assertThat(hex(field(inet, "192.168.1.5/24")))
        .as("inet keeps host bits")
        .isEqualTo("02180004c0a80105");
    assertThat(hex(field(cidr, "192.168.1.0/24"))).isEqualTo("02180104c0a80100");
    assertThat(hex(field(inet, "::1"))).isEqualTo("03800010" + "0".repeat(30) + "01");
    assertThat(hex(field(inet, "2001:DB8::ff00:42:8329/64")))
        .isEqualTo("03400010" + "20010db8000000000000ff0000428329");
    assertThat(hex(field(inet, "::ffff:10.0.0.1")))
        .isEqualTo("03800010" + "00000000000000000000ffff0a000001");
    assertThat(reason(cidr, "192.168.1.5/24"))
        .isEqualTo(
            "text '192.168.1.5/24' has bits set to the right of the /24 mask, which cidr refuses; use inet");
    assertThat(reason(inet, "192.168.1.256")).contains("is not an inet address");
    assertThat(reason(inet, "10.1")).contains("is not an inet address");
    assertThat(reason(inet, "1::2::3")).contains("is not an inet address");
    assertThat(reason(inet, "10.0.0.1/33")).contains("prefix length outside 0 to 32");
    PgType mac = PgTypes.parse("macaddr");
    for (String form :
        List.of(
            "08:00:2b:01:02:03",
            "08-00-2B-01-02-03",
            "08002b:010203",
            "08002b-010203",
            "0800.2b01.0203",
            "0800-2b01-0203",
            "08002b010203")) {
      assertThat(hex(field(mac, form))).as(form).isEqualTo("08002b010203");
    }
    assertThat(reason(mac, "08:00:2b:01:02")).contains("is not a MAC address");
    assertThat(reason(mac, "08:00-2b:01:02:03")).contains("is not a MAC address");
  }

  @Test
  void enumTakesExactlyItsLabels() throws Exception {
    // SQLAlchemy's sa.Enum: CREATE TYPE status AS ENUM (...), stored on SQLite as VARCHAR.
    PgType status = PgType.enumType("status", List.of("draft", "published", "Archived"));
    assertThat(field(status, "published")).isEqualTo("published".getBytes(StandardCharsets.UTF_8));
    assertThat(field(status, "Archived")).isEqualTo("Archived".getBytes(StandardCharsets.UTF_8));
    assertThat(reason(status, "archived"))
        .isEqualTo(
            "text 'archived' is not a label of enum status ('draft', 'published', 'Archived')");
    assertThat(reason(status, 1L)).contains("integer 1 is not a label of enum status");
  }

  @Test
  void varcharAndCharRefuseWhatIsLongerNeverCut() throws Exception {
    PgType v = PgTypes.parse("character varying(5)");
    assertThat(field(v, "héllo")).as("5 characters, 6 bytes").hasSize(6);
    assertThat(reason(v, "hello!"))
        .isEqualTo("text 'hello!' has 6 characters, more than varchar(5) holds (it is not cut)");
    // PostgreSQL would cut trailing spaces silently (varchar_input): refused instead.
    assertThat(reason(v, "hello ")).contains("6 characters");
    assertThat(field(v, 12345L)).isEqualTo("12345".getBytes(StandardCharsets.UTF_8));
    PgType c = PgTypes.parse("character(3)");
    assertThat(field(c, "ab"))
        .as("PostgreSQL pads")
        .isEqualTo("ab".getBytes(StandardCharsets.UTF_8));
    assertThat(reason(c, "abcd")).contains("more than char(3) holds");
  }

  @Test
  void arraysFromJsonArraysOfScalars() throws Exception {
    PgType ints = PgTypes.parse("integer[]");
    assertThat(hex(field(ints, "[1, null, 3]")))
        .isEqualTo(
            "00000001"
                + "00000001"
                + "00000017"
                + "00000003"
                + "00000001"
                + "0000000400000001"
                + "ffffffff"
                + "0000000400000003");
    assertThat(hex(field(ints, "[]"))).isEqualTo("00000000" + "00000000" + "00000017");
    assertThat(hex(field(PgTypes.parse("text[]"), "[\"a\", \"\\u00e9\"]")))
        .isEqualTo(
            "00000001"
                + "00000000"
                + "00000019"
                + "00000002"
                + "00000001"
                + "0000000161"
                + "00000002c3a9");
    assertThat(hex(field(PgTypes.parse("boolean[]"), "[true,false]")))
        .isEqualTo("000000010000000000000010000000020000000100000001010000000100");
    assertThat(field(PgTypes.parse("double precision[]"), "[1.5, 2]")).hasSize(20 + 24);
    assertThat(field(PgTypes.parse("uuid[]"), "[\"abababababababababababababababab\"]"))
        .hasSize(20 + 20);
    assertThat(reason(ints, "[1, [2]]"))
        .contains("is not a JSON array of scalars (one dimension), which integer[] needs");
    assertThat(reason(ints, "{\"a\": 1}")).contains("is not a JSON array of scalars");
    assertThat(reason(ints, "[1,]")).contains("is not a JSON array of scalars");
    assertThat(reason(ints, "[1, \"2\"]"))
        .isEqualTo("text '[1, \"2\"]' has element 2, the string '2', which is not integer");
    assertThat(reason(ints, "[1, 3000000000]"))
        .contains("element 2: integer 3000000000 is out of range for an integer");
    assertThat(reason(PgTypes.parse("varchar(2)[]"), "[\"abc\"]"))
        .contains("more than varchar(2) holds");
    assertThat(reason(PgTypes.parse("text[]"), "[1]")).contains("the number 1, which is not text");
  }

  @Test
  void epochDigitsStoredAsTextAreReadAsTheNumberTheySpell() throws Exception {
    // int(time.time()) written into a TEXT column: '1655847091'.
    long fromText = int8(PgType.TIMESTAMPTZ, "1655847091");
    assertThat(fromText).isEqualTo(int8(PgType.TIMESTAMPTZ, 1655847091L));
    assertThat(
            ByteBuffer.wrap(
                    field(
                        PgType.TIMESTAMP, EncoderOptions.epoch(EpochUnit.MILLIS), "1655847091123"))
                .getLong())
        .isEqualTo(
            ByteBuffer.wrap(
                    field(PgType.TIMESTAMP, EncoderOptions.epoch(EpochUnit.MILLIS), 1655847091123L))
                .getLong());
    assertThat(
            reason(
                PgType.TIMESTAMPTZ,
                new EncoderOptions(java.util.Optional.empty(), false),
                "1655847091"))
        .contains("no single epoch unit");
  }

  @Test
  void timestampWithFewerFractionalDigitsRefusesWhatItWouldRound() {
    assertThat(reason(PgTypes.parse("timestamp(0) without time zone"), "2024-03-01 12:00:00.5"))
        .contains("more fractional digits than timestamp(0) keeps");
  }
}
