package dev.sqlite2pg.verify.jsonb;

import static dev.sqlite2pg.testing.Seeded.codePoints;
import static dev.sqlite2pg.testing.Seeded.forAll;
import static dev.sqlite2pg.testing.Seeded.listOf;
import static dev.sqlite2pg.testing.Seeded.longs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.NeedsServer;
import dev.sqlite2pg.testing.Seeded.Gen;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JsonbText against the server on random documents, every code point and random numbers. Each try
 * sends all its documents in one query, so the whole class takes seconds, not minutes.
 */
@NeedsServer
class JsonbTextProperties {

  private static JsonbServer pg;

  /** A seed for {@link RandomJson}'s choice of escapes, and the code points to write. */
  private record CodePoints(long seed, List<Integer> codePoints) {}

  @BeforeAll
  static void openConnection() throws SQLException {
    pg = new JsonbServer("jsonb_text_properties");
  }

  @AfterAll
  static void closeConnection() throws SQLException {
    pg.close();
  }

  @Test
  void randomDocumentsMatchPostgres() {
    forAll("randomDocumentsMatchPostgres", 40, longs(), JsonbTextProperties::randomDocumentsMatch);
  }

  private static void randomDocumentsMatch(long seed) throws Exception {
    RandomJson random = new RandomJson(seed);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      docs.add(random.document());
    }
    assertMatches(docs);
  }

  /** Every code point but U+0000 and the surrogates, raw and escaped, as value and as key. */
  @Test
  void everyCodePointMatchesPostgres() {
    Gen<Long> seeds = longs();
    Gen<List<Integer>> points = listOf(codePoints(), 200);
    forAll(
        "everyCodePointMatchesPostgres",
        30,
        r -> new CodePoints(seeds.next(r), points.next(r)),
        JsonbTextProperties::codePointsMatch);
  }

  private static void codePointsMatch(CodePoints in) throws Exception {
    RandomJson random = new RandomJson(in.seed());
    List<String> docs = new ArrayList<>();
    StringBuilder keys = new StringBuilder("{");
    for (int c : in.codePoints()) {
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        continue;
      }
      StringBuilder s = new StringBuilder("\"");
      random.codePoint(s, c);
      docs.add(s.append('"').toString());
      keys.append(keys.length() == 1 ? "" : ", ").append(s).append(": ").append(c);
    }
    docs.add(keys.append('}').toString());
    assertMatches(docs);
  }

  @Test
  void randomNumbersMatchPostgres() {
    forAll("randomNumbersMatchPostgres", 30, longs(), JsonbTextProperties::randomNumbersMatch);
  }

  private static void randomNumbersMatch(long seed) throws Exception {
    RandomJson random = new RandomJson(seed);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      docs.add(random.number());
    }
    assertMatches(docs);
  }

  /** The byte[] overload is the String one after strict decoding. */
  @Test
  void bytesAndTextAgree() {
    forAll(
        "bytesAndTextAgree",
        200,
        longs(),
        seed -> {
          String doc = new RandomJson(seed).document();
          assertThat(JsonbText.render(doc.getBytes(StandardCharsets.UTF_8)))
              .isEqualTo(JsonbText.render(doc));
        });
  }

  /** Reordering an object's members changes nothing unless a key repeats. */
  @Test
  void memberOrderDoesNotMatterWithoutDuplicates() {
    forAll(
        "memberOrderDoesNotMatterWithoutDuplicates",
        200,
        longs(),
        JsonbTextProperties::memberOrderDoesNotMatter);
  }

  private static void memberOrderDoesNotMatter(long seed) {
    Random r = new Random(seed);
    RandomJson random = new RandomJson(seed);
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      StringBuilder key = new StringBuilder();
      random.string(key);
      members.add(key.insert(1, i).append(": ").append(random.document()).toString());
    }
    String forward = "{" + String.join(", ", members) + "}";
    Collections.shuffle(members, r);
    String shuffled = "{" + String.join(",", members) + "}";
    assertThat(JsonbText.render(shuffled)).isEqualTo(JsonbText.render(forward));
  }

  private static void assertMatches(List<String> docs) throws Exception {
    List<String> expected = pg.render(docs);
    for (int i = 0; i < docs.size(); i++) {
      assertThat(JsonbText.render(docs.get(i))).as(docs.get(i)).isEqualTo(expected.get(i));
    }
  }
}
