package dev.sqlite2pg.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON read into maps, lists and scalars as text (null as null), with jackson-core only. */
public final class JsonTree {

  private JsonTree() {}

  /** The document; fails on anything after it, so a second object in the output is caught. */
  public static Object read(String json) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      Object v = value(p);
      if (p.nextToken() != null) {
        throw new IOException("more than one JSON value: " + p.currentToken());
      }
      return v;
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String json) throws IOException {
    return (Map<String, Object>) read(json);
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> m = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        m.put(name, value(p));
      }
      return m;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> l = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        l.add(value(p));
      }
      return l;
    }
    return t == JsonToken.VALUE_NULL ? null : p.getText();
  }
}
