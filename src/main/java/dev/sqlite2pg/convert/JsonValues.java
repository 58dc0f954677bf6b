package dev.sqlite2pg.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.sqlite2pg.sqlite.SourceRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text for json and jsonb columns, checked with Jackson's streaming parser before it goes to
 * PostgreSQL. json keeps the text as written, so only syntax matters; jsonb keeps a parsed form, so
 * text it would change without an error is refused: duplicate keys (jsonb keeps the last silently)
 * and \u0000 (jsonb refuses it, and a whole batch would fail on it).
 */
public final class JsonValues {

  /** PostgreSQL's limits, not Jackson's defaults (numbers of 1000 digits, depth 1000). */
  private static final StreamReadConstraints UNLIMITED =
      StreamReadConstraints.builder()
          .maxNumberLength(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxNestingDepth(100_000)
          .build();

  private static final JsonFactory JSON =
      JsonFactory.builder().streamReadConstraints(UNLIMITED).build();
  private static final JsonFactory JSONB =
      JsonFactory.builder()
          .streamReadConstraints(UNLIMITED)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JsonValues() {}

  /** The UTF-8 text of a valid JSON document for json ({@code jsonb} false) or jsonb. */
  static byte[] of(SourceRow row, int col, boolean jsonb) throws ConversionException {
    return switch (row.type(col)) {
      case SourceRow.INTEGER -> Long.toString(row.getLong(col)).getBytes(StandardCharsets.US_ASCII);
      case SourceRow.FLOAT -> {
        double d = row.getDouble(col);
        if (!Double.isFinite(d)) {
          throw new ConversionException(Describe.value(row, col) + " has no JSON form");
        }
        yield Double.toString(d).getBytes(StandardCharsets.US_ASCII);
      }
      case SourceRow.TEXT, SourceRow.BLOB -> {
        byte[] b = row.getBytes(col);
        String what = SourceRow.typeName(row.type(col));
        Utf8.requireText(b, what);
        validate(b, jsonb, what);
        yield b;
      }
      default -> throw new ConversionException(Describe.value(row, col) + " is not JSON");
    };
  }

  private static void validate(byte[] b, boolean jsonb, String what) throws ConversionException {
    String error = firstError(b, jsonb);
    if (error != null) {
      throw new ConversionException(
          what
              + " "
              + Describe.bytesAsText(b)
              + " is not valid "
              + (jsonb ? "jsonb" : "json")
              + ": "
              + error);
    }
  }

  private static String firstError(byte[] b, boolean jsonb) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return "it starts with a byte order mark, which PostgreSQL refuses";
    }
    try (JsonParser p = (jsonb ? JSONB : JSON).createParser(b)) {
      if (p.nextToken() == null) {
        return "it is empty";
      }
      int depth = 0;
      JsonToken t = p.currentToken();
      while (true) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        } else if (jsonb && (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME)) {
          String problem = jsonbStringProblem(p.getText());
          if (problem != null) {
            return problem;
          }
        } else if (jsonb && t.isNumeric()) {
          String problem = jsonbNumberProblem(p.getText());
          if (problem != null) {
            return problem;
          }
        }
        t = p.nextToken();
        if (t == null) {
          return null;
        }
        if (depth == 0) {
          return "more than one value"; // Jackson reads "1 2" as two root values
        }
      }
    } catch (JsonProcessingException e) {
      return e.getOriginalMessage();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading JSON from memory failed", e);
    }
  }

  /**
   * jsonb stores numbers as numeric, read from their text, so numeric_in's limits apply: a display
   * scale (digits after the point minus the exponent) of at most 16383, even for zero ("0e-99999"
   * is refused), and at most 131072 digits before the point ("1e999999").
   */
  private static String jsonbNumberProblem(String number) {
    BigDecimal d = new BigDecimal(number);
    BigDecimal stripped = d.stripTrailingZeros();
    if (d.scale() > NumericValues.MAX_SCALE
        || (stripped.signum() != 0
            && (long) stripped.precision() - stripped.scale() > NumericValues.MAX_INTEGER_DIGITS)) {
      return "number "
          + (number.length() > 40 ? number.substring(0, 40) + "..." : number)
          + " is beyond what jsonb's numeric holds";
    }
    return null;
  }

  private static String jsonbStringProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "\\u0000 cannot be stored in jsonb";
      }
      if (Character.isHighSurrogate(c)
          && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
        return "an unpaired \\u surrogate escape";
      }
      if (Character.isLowSurrogate(c)) {
        return "an unpaired \\u surrogate escape";
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return null;
  }

  /**
   * A form that is equal for two documents exactly when jsonb holds the same value: keys sorted,
   * whitespace gone, numbers compared as decimals ("1.0" and "1.00" are the same numeric, as jsonb
   * prints them the same way).
   */
  public static String canonicalJsonb(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      StringBuilder out = new StringBuilder(json.length());
      write(read(p), out);
      return out.toString();
    } catch (IOException e) {
      throw new IllegalArgumentException("Not JSON: " + json, e);
    }
  }

  /** A tree of Map (sorted), List, String, BigDecimal, Boolean and the NULL marker. */
  private static Object read(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> m = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          m.put(key, read(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new BigDecimal(p.getText());
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      default -> {
        return JsonToken.VALUE_NULL;
      }
    }
  }

  private static void write(Object v, StringBuilder out) {
    if (v instanceof Map<?, ?> m) {
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.append(sep);
        quote((String) e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
        sep = ",";
      }
      out.append('}');
    } else if (v instanceof List<?> list) {
      out.append('[');
      String sep = "";
      for (Object item : list) {
        out.append(sep);
        write(item, out);
        sep = ",";
      }
      out.append(']');
    } else if (v instanceof String s) {
      quote(s, out);
    } else if (v instanceof BigDecimal d) {
      out.append(NumericValues.canonical(d));
    } else if (v instanceof Boolean bool) {
      out.append(bool);
    } else {
      out.append("null");
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
