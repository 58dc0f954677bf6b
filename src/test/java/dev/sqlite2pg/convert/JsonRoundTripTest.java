package dev.sqlite2pg.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.CopyRoundTrip;
import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.ValuesRow;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** json keeps the text; jsonb keeps the value, and Canonical compares values. */
@NeedsServer
class JsonRoundTripTest {

  static final PgType JSON = new PgType(PgType.Kind.JSON, "json");
  private static CopyRoundTrip pg;

  @BeforeAll
  static void start() {
    pg = new CopyRoundTrip("json_round_trip");
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  static final List<Object> DOCS =
      List.of(
          "{\"b\": [1, 2.50, -0, 1e2, 12345678901234567890123456789], \"a\": {\"z\": null, \"y\": true}}",
          "  \"caf\\u00e9 \\ud83d\\ude00 \\\\ \\\"q\\\"\"  ",
          "[]",
          "{}",
          "false",
          "1E-400",
          "\"\"",
          "{\"n\": 0.000000000000000000000000000001}",
          42L,
          0.1,
          1e300);

  @Test
  void jsonbHoldsTheSameValue() throws Exception {
    assertThat(pg.canonicals(PgType.JSONB, EncoderOptions.DEFAULT, DOCS))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(PgType.JSONB, EncoderOptions.DEFAULT, DOCS));
  }

  @Test
  void jsonHoldsTheSameText() throws Exception {
    List<Object> docs = new java.util.ArrayList<>(DOCS);
    docs.add("{\"a\": 1, \"a\": 2}");
    docs.add("[\"\\u0000\"]");
    List<String> back = pg.roundTrip(JSON, EncoderOptions.DEFAULT, docs, rs -> rs.getString(1));
    for (int i = 0; i < docs.size(); i++) {
      if (docs.get(i) instanceof String s) {
        assertThat(back.get(i)).isEqualTo(s);
      }
    }
    assertThat(pg.canonicals(JSON, EncoderOptions.DEFAULT, docs))
        .isEqualTo(CopyRoundTrip.sourceCanonicals(JSON, EncoderOptions.DEFAULT, docs));
  }

  @Test
  void canonicalIgnoresKeyOrderAndSpacingButNotValues() throws Exception {
    String a = source("{\"a\": 1, \"b\": [true, \"x\"]}");
    assertThat(source("{ \"b\":[true,\"x\"],\"a\":1.0 }")).isEqualTo(a);
    assertThat(source("{\"a\": 2, \"b\": [true, \"x\"]}")).isNotEqualTo(a);
    assertThat(source("{\"a\": 1, \"b\": [\"x\", true]}")).isNotEqualTo(a);
    assertThat(source("{\"a\": \"1\", \"b\": [true, \"x\"]}")).isNotEqualTo(a);
    assertThat(source("{\"a\": 1, \"b\": [true, \"x \"]}")).isNotEqualTo(a);
    assertThat(EncodersTest.reason(PgType.JSONB, "{\"a\": 1, \"b\": {}, \"a\": 2}"))
        .contains("Duplicate field 'a'");
  }

  /** What PostgreSQL itself says about text the jsonb encoder refuses. */
  @Test
  void postgresAgreesWithTheRefusals() throws Exception {
    for (String refused :
        List.of("[\"\\u0000\"]", "[\"\\ud800\"]", "[\"\\udc00x\"]", "\uFEFF[1]")) {
      assertThat(EncodersTest.reason(PgType.JSONB, refused)).contains("not valid jsonb");
      boolean pgRefuses;
      try (var ps = pg.connection().prepareStatement("SELECT ?::jsonb")) {
        ps.setString(1, refused);
        try (ResultSet rs = ps.executeQuery()) {
          pgRefuses = !rs.next();
        }
      } catch (java.sql.SQLException e) {
        pgRefuses = true;
      }
      assertThat(pgRefuses).as(refused).isTrue();
    }
  }

  @Test
  void jsonAndJsonbAcceptExactlyWhatPostgresAccepts() throws Exception {
    for (PgType type : List.of(JSON, PgType.JSONB)) {
      acceptsWhatPostgresAccepts(type);
    }
  }

  private static void acceptsWhatPostgresAccepts(PgType type) throws Exception {
    for (String doc :
        List.of(
            "[\"\\u0000\"]",
            "[\"\\ud800\"]",
            "[\"\\udc00x\"]",
            "\uFEFF[1]",
            "[1,]",
            "{\"a\":1,\"a\":2}",
            "01",
            "[1e999999]",
            "[1e-16383]",
            "[1e-16384]",
            "[0e-99999]",
            "[0e-16383]",
            "[1.5e-16382]",
            "[1.5e-16383]",
            "[1e131071]",
            "[1e131072]",
            " 1 ")) {
      if (type == PgType.JSONB && doc.contains("\"a\":1,\"a\"")) {
        continue; // jsonb takes it and drops a key; refusing it is deliberate, tested above
      }
      boolean weAccept;
      try {
        EncodersTest.field(type, doc);
        weAccept = true;
      } catch (ConversionException e) {
        weAccept = false;
      }
      boolean pgAccepts;
      try (var ps = pg.connection().prepareStatement("SELECT ?::" + type.sql())) {
        ps.setString(1, doc);
        try (ResultSet rs = ps.executeQuery()) {
          pgAccepts = rs.next();
        }
      } catch (java.sql.SQLException e) {
        pgAccepts = false;
      }
      assertThat(weAccept).as("%s %s", type.sql(), doc).isEqualTo(pgAccepts);
    }
  }

  private static String source(String json) throws ConversionException {
    return Canonical.ofSource(ValuesRow.of(json), 0, PgType.JSONB, EncoderOptions.DEFAULT);
  }
}
