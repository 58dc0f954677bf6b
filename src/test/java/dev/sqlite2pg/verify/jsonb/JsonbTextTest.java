package dev.sqlite2pg.verify.jsonb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlite2pg.testing.NeedsServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JsonbText against PostgreSQL's own {@code ?::jsonb::text}, one hazard per document. */
@NeedsServer
class JsonbTextTest {

  private static JsonbServer pg;

  @BeforeAll
  static void start() throws Exception {
    pg = new JsonbServer("jsonb_text");
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  /** Keys: duplicates (last wins, also when spelled differently), length-first byte order. */
  static final List<String> OBJECTS =
      List.of(
          "{\"bb\": 1, \"a\": 2, \"a\": 3, \"ab\": {\"z\":[], \"y\":{}}, \"é\": 0, \"b\": null,"
              + " \"\\u00e9\": 5}",
          "{\"x\": {\"k\": 1, \"k\": {\"k\": [1, {\"b\": 1, \"a\": 2}]}}, \"x\": {\"z\": 0, \"y\": 1}}",
          "{\"ba\": 1, \"ab\": 2, \"aa\": 3, \"B\": 4, \"a\": 5, \"_\": 6, \"Z\": 7, \"a\": 8}",
          // é and € are 2 and 3 bytes; 😀 is 4 bytes and, by code point, after U+E000 and U+FFFF.
          "{\"é\": 1, \"bb\": 2, \"abc\": 3, \"€\": 4, \"😀\": 5, \"\uE000\": 6, \"\uFFFF\": 7,"
              + " \"ü\": 8, \"zz\": 9, \"aaaa\": 10, \"\uFFFFa\": 11, \"\\ud83d\\ude00\": 12}",
          "{\"\uE000\": 1, \"\uD800\uDC00\": 2, \"\uFB01\": 3, \"\uDBFF\uDFFF\": 4, \"\uFFFD\": 5}",
          // Keys that need escapes sort by their decoded bytes: "\n" (0x0a) before "\"" (0x22).
          "{\"a\\nb\": 1, \"a\\\"b\": 2, \"\\\\\": 3, \"\\u001f\": 4, \"\": 5, \"a/b\": 6,"
              + " \"a\\/b\": 7}",
          "{\"\": 1, \"\": 2}",
          " \t\n\r{ \"a\" : [ 1 , 2 ] ,\"b\":{}}\r\n ",
          "[{\"b\": [], \"a\": {}}, {}, [], [[]], [{}], {\"a\": {\"a\": {\"a\": null}}}]",
          "{\"a\": 1, \"b\": 2, \"a\": {\"c\": 3}, \"b\": [4, {\"b\": 5, \"a\": 6}]}");

  static final List<String> STRINGS =
      List.of(
          "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
          "\"\\u0022 \\u005C \\u002f \\u0008 \\u000C \\u000a \\u000D \\u0009\"",
          "\"\\u007f\\u0080\\u00ff\\u2028\\u2029\\ufeff\\uFFFE\\uffff\"",
          "\"raw: é € 😀 \u007f \u0080 \u2028 \uFEFF \uFFFF \uDBFF\uDFFF\"",
          "\"\\ud83d\\ude00 \\uD83D\\uDE00 \\udbff\\udfff \\ud800\\udc00\"",
          "\"a/b\\/c\"",
          "\"\"",
          "\"x\"",
          "[\"a\", \"\\\"\", \"\\\\\\\\\", \"'\", \"\\u0041\"]");

  static final List<String> NUMBERS =
      List.of(
          "1.50",
          "1e2",
          "1.5e1",
          "1.50e1",
          "1E-7",
          "-0",
          "-0.0",
          "-0.000e-3",
          "-0e5",
          "0e-2",
          "1E+2",
          "1e+0",
          "1e-0",
          "1e0",
          "-1.0E-2",
          "-12.34e+01",
          "0.1",
          "0",
          "5",
          "-5.000",
          "123456789012345678901234567890e-40",
          "12345678901234567890.123456789e10",
          "1.000000000000000000001",
          "100e-2",
          "0.000001e3",
          "0.00e-3",
          "123.456e-2",
          "1e00000000000000000003",
          "1e-00000000000000000003",
          "9223372036854775807",
          "-9223372036854775808",
          "18446744073709551616",
          "1.7976931348623157e308",
          "4.9e-324",
          "1e-1000",
          "1e-1001",
          "1e-16383",
          "0.0e-16382",
          "0e-16383",
          "9.99e1000",
          "1e131071",
          "9.99999e131071",
          "-1e131071",
          "0e1073741823",
          "0e-0",
          "-0.5e-16382",
          "[1, -1, 1.0, 10, 1e1, 0.10e1, 1.5e-1, 15e-1]");

  static final List<String> SCALARS =
      List.of(
          "\"x\"",
          "5",
          "true",
          "false",
          "null",
          "[]",
          "{}",
          " \"x\" ",
          "\n5\n",
          "[true, false, null]");

  @Test
  void objectsMatchPostgres() throws Exception {
    assertMatches(OBJECTS);
  }

  @Test
  void stringsMatchPostgres() throws Exception {
    assertMatches(STRINGS);
  }

  @Test
  void everyControlCharacterMatchesPostgres() throws Exception {
    List<String> docs = new ArrayList<>();
    for (int c = 1; c < 0x20; c++) {
      docs.add(String.format(Locale.ROOT, "\"\\u%04x\"", c));
      docs.add(String.format(Locale.ROOT, "{\"k\\u%04X\": \"a\\u%04Xb\"}", c, c));
    }
    assertMatches(docs);
    assertThat(JsonbText.render("\"\\u001F\\u0001\"")).isEqualTo("\"\\u001f\\u0001\"");
  }

  @Test
  void numbersMatchPostgres() throws Exception {
    assertMatches(NUMBERS);
  }

  @Test
  void scalarsMatchPostgres() throws Exception {
    assertMatches(SCALARS);
  }

  /** The facts the verifier relies on, readable without a server. */
  @Test
  void knownOutputs() {
    assertThat(JsonbText.render("{\"bb\":2,\"a\":1,\"a\":3}")).isEqualTo("{\"a\": 3, \"bb\": 2}");
    assertThat(JsonbText.render("[1,[],{}]")).isEqualTo("[1, [], {}]");
    assertThat(JsonbText.render("\"\\u00e9\\/\\u0001\"")).isEqualTo("\"é/\\u0001\"");
    assertThat(JsonbText.render("1.50e1")).isEqualTo("15.0");
    assertThat(JsonbText.render("1E-7")).isEqualTo("0.0000001");
    assertThat(JsonbText.render("-0.0")).isEqualTo("0.0");
    assertThat(JsonbText.render("100e-2")).isEqualTo("1.00");
  }

  @Test
  void deepNestingMatchesPostgres() throws Exception {
    int depth = 5000;
    String arrays = "[".repeat(depth) + "1" + "]".repeat(depth);
    String objects = "{\"b\": 0, \"a\":".repeat(depth) + "[]" + "}".repeat(depth);
    assertMatches(List.of(arrays, objects));
  }

  @Test
  void largeDocumentMatchesPostgres() throws Exception {
    StringBuilder doc = new StringBuilder("{");
    for (int i = 0; i < 20_000; i++) {
      doc.append(i == 0 ? "" : ",")
          .append("\"k")
          .append(i * 7919 % 20_000)
          .append("\":")
          .append(i % 3 == 0 ? "\"v\\n" + i + "\"" : i + "e-" + (i % 5));
    }
    assertMatches(List.of(doc.append('}').toString()));
  }

  @Test
  void bytesMatchPostgres() throws Exception {
    List<String> docs = new ArrayList<>(OBJECTS);
    docs.addAll(STRINGS);
    docs.addAll(NUMBERS.subList(0, 10));
    for (String doc : docs) {
      byte[] utf8 = doc.getBytes(StandardCharsets.UTF_8);
      assertThat(JsonbText.render(utf8)).as(doc).isEqualTo(pg.renderBytes(utf8));
    }
  }

  /** Text PostgreSQL refuses is refused, not rendered into something that could match. */
  @Test
  void refusesWhatPostgresRefuses() {
    List<String> refused =
        List.of(
            "",
            " ",
            "1 2",
            "[1,]",
            "[1,,2]",
            "{\"a\":1,}",
            "01",
            "-01",
            "1.",
            ".5",
            "+1",
            "-",
            "1e",
            "1.0e",
            "1e+",
            "NaN",
            "Infinity",
            "-Infinity",
            "0x10",
            "1_000",
            "\"\\x\"",
            "\"a\tb\"",
            "\"a\nb\"",
            "\"\\U0041\"",
            "\"\\u00e\"",
            "{\"a\" 1}",
            "{a: 1}",
            "'a'",
            "[1]]",
            "[1] x",
            "truex",
            "1true",
            "tru",
            "nul",
            "\"abc",
            "[",
            "{",
            "{\"a\"}",
            "[1}",
            "\f1",
            "1\f",
            "\u00a01",
            "// c\n1",
            "/* c */ 1",
            "# c\n1",
            "\"\\u0000\"",
            "{\"\\u0000\": 1}",
            "\"a\\u0000b\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"\\ud800x\"",
            "\"\\udc00\\ud800\"",
            "{\"\\ud800\": 1}",
            "\uFEFF[1]",
            "1e131072",
            "1e999999",
            "9".repeat(131_073),
            "0e-16384",
            "0.5e-16383",
            "0.0e-16383",
            "1e-16384",
            "0e1073741824",
            "0e-1073741824",
            "1e-1073741823",
            "1e2147483648",
            "[1, 1e131072]",
            "{\"a\": [0e-16384]}");
    for (String doc : refused) {
      String shown = doc.length() > 40 ? doc.substring(0, 40) + "..." : doc;
      assertThat(pg.refusal(doc)).as("PostgreSQL on %s", shown).isPresent();
      assertThatThrownBy(() -> JsonbText.render(doc))
          .as("JsonbText on %s", shown)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not valid jsonb");
    }
  }

  @Test
  void refusesBytesThatAreNotUtf8() {
    List<byte[]> refused =
        List.of(
            new byte[] {'"', (byte) 0xC3, '"'},
            new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'},
            new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
            new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
            new byte[] {'"', (byte) 0xFF, '"'},
            new byte[] {'"', 0, '"'},
            new byte[] {'1', 0},
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'});
    for (byte[] doc : refused) {
      assertThat(pg.refusalOfBytes(doc)).as("PostgreSQL on %s", List.of(doc)).isPresent();
      assertThatThrownBy(() -> JsonbText.render(doc))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not valid jsonb");
    }
  }

  private static void assertMatches(List<String> docs) throws Exception {
    List<String> expected = pg.render(docs);
    for (int i = 0; i < docs.size(); i++) {
      String doc = docs.get(i);
      String shown = doc.length() > 80 ? doc.substring(0, 80) + "..." : doc;
      assertThat(JsonbText.render(doc)).as(shown).isEqualTo(expected.get(i));
    }
  }
}
