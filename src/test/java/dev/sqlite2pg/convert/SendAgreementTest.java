package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoders' bytes against PostgreSQL's own: each text is read by the server's input function
 * ({@code 'text'::type}) and written by its send function, and must equal what the encoder wrote
 * for the same text. This is what makes verify's byte comparison meaningful for these types, and it
 * shows that an interval keeps PostgreSQL's month/day/time split.
 */
@NeedsServer
class SendAgreementTest {

  private static String url;

  @BeforeAll
  static void database() throws Exception {
    url = TestPostgres.newDatabase("send_agreement");
  }

  /** Every text that the encoder and PostgreSQL read differently, as "text: ours vs theirs". */
  private static List<String> disagreements(String type, String send, List<String> texts)
      throws Exception {
    PgType t = PgTypes.parse(type);
    List<String> out = new ArrayList<>();
    try (Connection c = TestPostgres.connect(url);
        PreparedStatement ps =
            c.prepareStatement("SELECT encode(" + send + "(?::" + type + "), 'hex')")) {
      // timetz without an offset: PostgreSQL takes the session's zone, the tool UTC.
      try (var st = c.createStatement()) {
        st.execute("SET timezone = 'UTC'");
      }
      for (String text : texts) {
        String ours = HexFormat.of().formatHex(EncodersTest.field(t, text));
        ps.setString(1, text);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!ours.equals(rs.getString(1))) {
            out.add(text + ": " + ours + " vs " + rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  @Test
  void interval() throws Exception {
    assertThat(
            disagreements(
                "interval",
                "interval_send",
                List.of(
                    "P1DT2H30M",
                    "PT0.5S",
                    "P1Y2M3W4DT5H6M7.000008S",
                    "P1.5D",
                    "P1.5W",
                    "P0.5M",
                    "PT1.5H",
                    "P-1DT2H",
                    "1 day 02:00:00",
                    "-00:00:01.5",
                    "3 mons 2 days",
                    "1 year 2 mons 3 days 04:05:06.789",
                    "-1 days +02:03:00",
                    "36 hours",
                    "36:00:00",
                    "1 02:00:00",
                    "1.5 days",
                    "2 weeks",
                    "90 minutes",
                    "1500 ms",
                    "7 us",
                    "1 day ago",
                    "00:00:00",
                    "12:34",
                    "-1 year -2 mons")))
        .isEmpty();
  }

  @Test
  void timeAndTimetz() throws Exception {
    List<String> times = List.of("14:30:00", "14:30", "9:05:00.5", "23:59:59.999999", "24:00:00");
    assertThat(disagreements("time", "time_send", times)).isEmpty();
    List<String> zoned = new ArrayList<>(times);
    zoned.addAll(List.of("14:30:00+02:00", "14:30:00-05:30", "14:30:00+0200", "14:30:00Z"));
    assertThat(disagreements("timetz", "timetz_send", zoned)).isEmpty();
  }

  @Test
  void networkTypes() throws Exception {
    assertThat(
            disagreements(
                "inet",
                "inet_send",
                List.of(
                    "192.168.1.5",
                    "192.168.1.5/24",
                    "0.0.0.0/0",
                    "::1",
                    "::",
                    "2001:DB8::ff00:42:8329/64",
                    "::ffff:10.0.0.1",
                    "fe80::1:2:3:4",
                    "1:2:3:4:5:6:7:8")))
        .isEmpty();
    assertThat(
            disagreements(
                "cidr",
                "cidr_send",
                List.of("10.0.0.0/8", "192.168.1.0/24", "192.168.1.7", "2001:db8::/32", "::/0")))
        .isEmpty();
    assertThat(
            disagreements(
                "macaddr",
                "macaddr_send",
                List.of(
                    "08:00:2b:01:02:03",
                    "08-00-2B-01-02-03",
                    "08002b:010203",
                    "08002b-010203",
                    "0800.2b01.0203",
                    "0800-2b01-0203",
                    "08002b010203")))
        .isEmpty();
  }

  @Test
  void uuidForms() throws Exception {
    assertThat(
            disagreements(
                "uuid",
                "uuid_send",
                List.of(
                    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                    "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
                    "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
                    "a0eebc999c0b4ef8bb6d6bb9bd380a11",
                    "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
                    "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}")))
        .isEmpty();
  }

  @Test
  void arrays() throws Exception {
    // PostgreSQL reads its own array text; the tool reads JSON. Pairs of the same value.
    String[][] pairs = {
      {"integer[]", "[1, null, 3]", "{1,NULL,3}"},
      {"integer[]", "[]", "{}"},
      {"text[]", "[\"a\", \"b c\"]", "{a,\"b c\"}"},
      {"boolean[]", "[true, false]", "{t,f}"},
      {"double precision[]", "[1.5, -0.25]", "{1.5,-0.25}"},
      {"bigint[]", "[9007199254740993]", "{9007199254740993}"},
      {
        "uuid[]", "[\"a0eebc999c0b4ef8bb6d6bb9bd380a11\"]", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"
      },
      {"varchar(3)[]", "[\"abc\", null]", "{abc,NULL}"},
    };
    List<String> out = new ArrayList<>();
    try (Connection c = TestPostgres.connect(url)) {
      for (String[] p : pairs) {
        String ours = HexFormat.of().formatHex(EncodersTest.field(PgTypes.parse(p[0]), p[1]));
        try (PreparedStatement ps =
            c.prepareStatement("SELECT encode(array_send(?::" + p[0] + "), 'hex')")) {
          ps.setString(1, p[2]);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (!ours.equals(rs.getString(1))) {
              out.add(p[0] + " " + p[1] + ": " + ours + " vs " + rs.getString(1));
            }
          }
        }
      }
    }
    assertThat(out).isEmpty();
  }
}
