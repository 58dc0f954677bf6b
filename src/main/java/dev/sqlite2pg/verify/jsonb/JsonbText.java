package dev.sqlite2pg.verify.jsonb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The exact text PostgreSQL prints for {@code '<json>'::jsonb::text}, computed in Java, so the
 * verifier can hash a jsonb column inside the database and compare it with the source row without
 * fetching it. jsonb does not keep the text: it drops whitespace and duplicate keys (the last one
 * wins), sorts keys by their length in UTF-8 bytes and then bytewise, re-escapes strings its own
 * way and prints numbers as numeric does ({@code 1.5e1} becomes {@code 15}).
 *
 * <p>Text that PostgreSQL refuses is refused here too, with an {@link IllegalArgumentException}:
 * syntax errors, {@code \u0000}, unpaired surrogates, numbers beyond numeric, a byte order mark.
 */
public final class JsonbText {

  /**
   * PostgreSQL's limits, not Jackson's defaults (numbers of 1000 characters, depth 500): "1e-16383"
   * written out has 16385 characters and jsonb nests thousands deep.
   */
  private static final StreamReadConstraints UNLIMITED =
      StreamReadConstraints.builder()
          .maxNumberLength(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxNestingDepth(Integer.MAX_VALUE)
          .build();

  // Keys come from user data: interning them would fill the JVM's string table.
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(UNLIMITED)
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .build();

  private JsonbText() {}

  /** What {@code SELECT jsonText::jsonb::text} returns. */
  public static String render(String jsonText) {
    if (!jsonText.isEmpty() && jsonText.charAt(0) == '\uFEFF') {
      // Jackson skips a byte order mark; PostgreSQL's JSON lexer refuses it.
      throw invalid("it starts with a byte order mark");
    }
    try (JsonParser p = JSON.createParser(jsonText)) {
      Object root = read(p);
      StringBuilder out = new StringBuilder(jsonText.length() + 16);
      JsonbTree.write(root, out);
      return out.toString();
    } catch (JsonProcessingException e) {
      throw invalid(e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Reading JSON from memory failed", e);
    }
  }

  /** The same for UTF-8 bytes; bytes that are not strict UTF-8 are refused, as PostgreSQL does. */
  public static String render(byte[] utf8Json) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8Json))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid("it is not valid UTF-8");
    }
    return render(text);
  }

  /**
   * Reads one document into a tree of rendered scalars, {@link JsonbTree.Array} and {@link
   * JsonbTree.Obj}. A loop with an explicit stack, not recursion: PostgreSQL accepts documents
   * nested ten thousand deep ("[[[[...]]]]"), which would overflow a Java stack.
   */
  private static Object read(JsonParser p) throws IOException {
    ArrayDeque<JsonbTree.Container> open = new ArrayDeque<>();
    JsonToken t = p.nextToken();
    if (t == null) {
      throw invalid("it is empty");
    }
    while (true) {
      Object done = null;
      switch (t) {
        case START_ARRAY -> open.push(new JsonbTree.Array());
        case START_OBJECT -> open.push(new JsonbTree.Obj());
        case FIELD_NAME -> ((JsonbTree.Obj) open.element()).name(JsonbKey.of(p.getText()));
        case END_ARRAY, END_OBJECT -> done = open.pop();
        case VALUE_STRING -> done = JsonbStrings.quote(p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> done = JsonbNumber.text(p.getText());
        case VALUE_TRUE -> done = "true";
        case VALUE_FALSE -> done = "false";
        case VALUE_NULL -> done = "null";
        default -> throw invalid("unexpected " + t);
      }
      if (done != null) {
        if (open.isEmpty()) {
          // Jackson reads "1 2" as two documents; PostgreSQL wants exactly one.
          if (p.nextToken() != null) {
            throw invalid("more than one value");
          }
          return done;
        }
        open.element().add(done);
      }
      t = p.nextToken();
    }
  }

  static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("not valid jsonb: " + why);
  }
}
