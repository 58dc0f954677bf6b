package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.convert.PgType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL array back into the JSON array text the copy read it from (Rails' serialize and
 * SQLAlchemy's JSON column keep lists so): '{1,2,NULL}' as '[1,2,null]', '{"a b",c}' as '["a
 * b","c"]', in the column's JSON layout. Arrays of numbers, booleans, text, UUIDs and dates; the
 * elements of other types have text forms of their own and are refused.
 */
final class ArrayText {

  private ArrayText() {}

  static String write(String pg, PgType element, TextForms.Json layout) throws Unfit {
    List<String> items = elements(pg);
    StringBuilder out = new StringBuilder(pg.length() + 8).append('[');
    for (int i = 0; i < items.size(); i++) {
      out.append(i == 0 ? "" : layout.compact() ? "," : ", ");
      out.append(json(items.get(i), element, layout.asciiOnly()));
    }
    return out.append(']').toString();
  }

  private static String json(String item, PgType element, boolean ascii) throws Unfit {
    if (item == null) {
      return "null";
    }
    return switch (element.kind()) {
      case SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE -> {
        if (item.equals("NaN") || item.endsWith("Infinity")) {
          throw new Unfit("has an element, " + item + ", that JSON cannot write");
        }
        yield item;
      }
      case BOOLEAN -> item.equals("t") ? "true" : "false";
      case TEXT, UUID, DATE -> quote(item, ascii);
      default ->
          throw new Unfit("is an array of " + element.sql() + ", which is not written back yet");
    };
  }

  /** array_out's elements: NULL unquoted is null; quoted elements with backslash escapes. */
  private static List<String> elements(String t) throws Unfit {
    if (t.length() < 2 || t.charAt(0) != '{' || t.charAt(t.length() - 1) != '}') {
      throw new Unfit("is not a one-dimensional array as PostgreSQL prints it");
    }
    List<String> out = new ArrayList<>();
    int i = 1;
    int end = t.length() - 1;
    while (i < end) {
      StringBuilder item = new StringBuilder();
      boolean quoted = t.charAt(i) == '"';
      if (quoted) {
        i++;
        while (t.charAt(i) != '"') {
          if (t.charAt(i) == '\\') {
            i++;
          }
          item.append(t.charAt(i++));
        }
        i++;
      } else {
        while (i < end && t.charAt(i) != ',') {
          if (t.charAt(i) == '{') {
            throw new Unfit(
                "is a multi-dimensional array, which JSON lists of scalars do not hold");
          }
          item.append(t.charAt(i++));
        }
      }
      String s = item.toString();
      out.add(!quoted && s.equals("NULL") ? null : s);
      i++; // the comma
    }
    return out;
  }

  private static String quote(String s, boolean ascii) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || (ascii && c > 0x7F)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
