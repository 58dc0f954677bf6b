package dev.sqlite2pg.verify.jsonb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlite2pg.testing.Shared;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * JsonbText against the server on random documents, every code point and random numbers. Each
 * try sends all its documents in one query, so the whole class takes seconds, not minutes.
 */
class JsonbTextProperties {

  private static final Shared<JsonbServer> PG = new Shared<>(() -> new JsonbServer("jsonb_text_properties"));

  @AfterContainer
  static void closeConnection() throws Exception {
    PG.close();
  }

  @Property(tries = 40)
  void randomDocumentsMatchPostgres(@ForAll long seed) throws Exception {
    RandomJson random = new RandomJson(seed);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      docs.add(random.document());
    }
    assertMatches(docs);
  }

  /** Every code point but U+0000 and the surrogates, raw and escaped, as value and as key. */
  @Property(tries = 30)
  void everyCodePointMatchesPostgres(@ForAll long seed,
      @ForAll @Size(max = 200) List<@IntRange(min = 1, max = 0x10FFFF) Integer> codePoints)
      throws Exception {
    RandomJson random = new RandomJson(seed);
    List<String> docs = new ArrayList<>();
    StringBuilder keys = new StringBuilder("{");
    for (int c : codePoints) {
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

  @Property(tries = 30)
  void randomNumbersMatchPostgres(@ForAll long seed) throws Exception {
    RandomJson random = new RandomJson(seed);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      docs.add(random.number());
    }
    assertMatches(docs);
  }

  /** The byte[] overload is the String one after strict decoding. */
  @Property(tries = 200)
  void bytesAndTextAgree(@ForAll long seed) {
    String doc = new RandomJson(seed).document();
    assertThat(JsonbText.render(doc.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(JsonbText.render(doc));
  }

  /** Reordering an object's members changes nothing unless a key repeats. */
  @Property(tries = 200)
  void memberOrderDoesNotMatterWithoutDuplicates(@ForAll long seed) {
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
    List<String> expected = PG.get().render(docs);
    for (int i = 0; i < docs.size(); i++) {
      assertThat(JsonbText.render(docs.get(i))).as(docs.get(i)).isEqualTo(expected.get(i));
    }
  }
}
