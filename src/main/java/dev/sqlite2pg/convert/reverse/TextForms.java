package dev.sqlite2pg.convert.reverse;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The small text forms a column's values show, each learned by a vote among the sample's texts. */
public final class TextForms {

  private TextForms() {}

  /** How booleans are spelt as text: 'true'/'false' (JavaScript), 'True'/'False' (Python str). */
  public record Bools(String yes, String no) {

    /** SQLite's and most ORMs' booleans are the integers 1 and 0; as text they read "1", "0". */
    public static final Bools DIGITS = new Bools("1", "0");

    private static final List<List<String>> PAIRS =
        List.of(
            List.of("true", "false"),
            List.of("t", "f"),
            List.of("yes", "no"),
            List.of("y", "n"),
            List.of("on", "off"),
            List.of("1", "0"));

    static Bools learn(List<String> texts) {
      String yes = dominant(texts, true);
      String no = dominant(texts, false);
      if (yes == null && no == null) {
        return DIGITS;
      }
      String known = yes != null ? yes : no;
      List<String> pair = pairOf(known);
      return new Bools(
          yes != null ? yes : sameCase(pair.get(0), no),
          no != null ? no : sameCase(pair.get(1), yes));
    }

    private static String dominant(List<String> texts, boolean truth) {
      Map<String, Integer> votes = new HashMap<>();
      for (String t : texts) {
        List<String> pair = pairOf(t);
        if (pair != null && pair.indexOf(t.toLowerCase(Locale.ROOT)) == (truth ? 0 : 1)) {
          votes.merge(t, 1, Integer::sum);
        }
      }
      return votes.entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .orElse(null);
    }

    private static List<String> pairOf(String t) {
      String l = t.toLowerCase(Locale.ROOT);
      return PAIRS.stream().filter(p -> p.contains(l)).findFirst().orElse(null);
    }

    /** {@code word} in the case of {@code model}: TRUE, True or true. */
    private static String sameCase(String word, String model) {
      if (model.equals(model.toUpperCase(Locale.ROOT))
          && !model.equals(model.toLowerCase(Locale.ROOT))) {
        return word.toUpperCase(Locale.ROOT);
      }
      if (Character.isUpperCase(model.charAt(0))) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      return word;
    }
  }

  /**
   * How UUIDs are written as text: 36 characters with hyphens (SQLAlchemy's Uuid as_uuid=False,
   * most hand-written code), 32 hex digits without (Django's UUIDField, char(32)), braces (.NET),
   * lower or upper case (Prisma's uuid() writes lower case; .NET's Guid upper in some drivers).
   */
  public record Uuids(boolean hyphens, boolean upper, boolean braces) {

    public static final Uuids STANDARD = new Uuids(true, false, false);

    static Uuids learn(List<String> texts) {
      Map<Uuids, Integer> votes = new HashMap<>();
      for (String t : texts) {
        boolean braces = t.startsWith("{") && t.endsWith("}");
        String inner = braces ? t.substring(1, t.length() - 1) : t;
        if (inner.length() != 36 && inner.length() != 32) {
          continue;
        }
        boolean upper = !inner.equals(inner.toLowerCase(Locale.ROOT));
        votes.merge(new Uuids(inner.length() == 36, upper, braces), 1, Integer::sum);
      }
      return votes.entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .orElse(STANDARD);
    }

    /** PostgreSQL's output (lower case, hyphens) in this form. */
    String write(String pg) {
      String s = hyphens ? pg : pg.replace("-", "");
      s = upper ? s.toUpperCase(Locale.ROOT) : s;
      return braces ? "{" + s + "}" : s;
    }
  }

  /**
   * How network addresses are spelt: PostgreSQL prints hex digits in lower case and MAC addresses
   * with ':'; applications also write 'FE80::1' and '08-00-2B-01-02-03' (Windows' getmac).
   *
   * @param upper hex digits in upper case
   * @param macSeparator ':' or '-' between a MAC address's bytes
   */
  public record Addresses(boolean upper, char macSeparator) {

    public static final Addresses POSTGRES = new Addresses(false, ':');

    static Addresses learn(List<String> texts) {
      int upper = 0;
      int lower = 0;
      int hyphens = 0;
      for (String t : texts) {
        upper += t.chars().anyMatch(c -> c >= 'A' && c <= 'F') ? 1 : 0;
        lower += t.chars().anyMatch(c -> c >= 'a' && c <= 'f') ? 1 : 0;
        hyphens += t.indexOf('-') >= 0 ? 1 : 0;
      }
      return new Addresses(upper > lower, hyphens * 2 > texts.size() ? '-' : ':');
    }

    /** PostgreSQL's inet, cidr or macaddr output in this spelling. */
    String write(String pg, boolean mac) {
      String s = mac ? pg.replace(':', macSeparator) : pg;
      return upper ? s.toUpperCase(Locale.ROOT) : s;
    }
  }

  /**
   * How JSON documents are laid out: compact (SQLite's json(), JavaScript's JSON.stringify), with a
   * space after ',' and ':' (Python's json.dumps, so Django's JSONField, and jsonb's own output),
   * or indented (JSON.stringify(v, null, 2), json.dumps(v, indent=2): PocketBase's demo records);
   * non-ASCII characters raw or escaped as \\uXXXX (json.dumps' default ensure_ascii).
   *
   * @param indent spaces per level for indented documents, 0 for one line
   * @param crlf indented documents end their lines with CR LF (PocketBase's demo1.json, typed into
   *     a browser's text area on Windows)
   */
  public record Json(boolean compact, boolean asciiOnly, int indent, boolean crlf) {

    public static final Json SQLITE = new Json(true, false, 0, false);

    static Json learn(List<String> texts) {
      int compact = 0;
      int spaced = 0;
      Map<Integer, Integer> indents = new HashMap<>();
      int pretty = 0;
      int escaped = 0;
      int raw = 0;
      int crlf = 0;
      for (String t : texts) {
        crlf += t.contains("\r\n") ? 1 : 0;
        String outside = outsideStrings(t);
        if (outside.contains("\n")) {
          int nl = t.indexOf('\n');
          pretty++;
          int w = 0;
          while (nl + 1 + w < t.length() && t.charAt(nl + 1 + w) == ' ') {
            w++;
          }
          indents.merge(w, 1, Integer::sum);
        } else if (outside.contains(", ") || outside.contains(": ")) {
          spaced++;
        } else if (outside.contains(",") || outside.contains(":")) {
          compact++;
        }
        if (t.chars().anyMatch(c -> c > 0x7F)) {
          raw++;
        } else if (t.contains("\\u")) {
          escaped++;
        }
      }
      int indent =
          pretty > Math.max(compact, spaced)
              ? indents.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()
              : 0;
      return new Json(compact >= spaced, escaped > raw, indent, crlf * 2 > pretty);
    }

    /** jsonb's output (spaced, raw) in this form. */
    String write(String jsonb) {
      StringBuilder out = new StringBuilder(jsonb.length() + 16);
      int depth = 0;
      boolean inString = false;
      for (int i = 0; i < jsonb.length(); i++) {
        char c = jsonb.charAt(i);
        if (inString) {
          if (c == '\\') {
            out.append(c).append(jsonb.charAt(++i));
          } else if (c > 0x7F && asciiOnly) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            inString = c != '"';
            out.append(c);
          }
          continue;
        }
        if (c == '"') {
          inString = true;
          out.append(c);
        } else if (c == ' ') {
          if (indent == 0 && !compact) {
            out.append(c);
          }
        } else if (indent == 0) {
          out.append(c);
        } else {
          depth = indented(jsonb, i, c, depth, out);
          if ((c == '[' || c == '{') && i + 1 < jsonb.length() && isCloser(jsonb.charAt(i + 1))) {
            out.append(jsonb.charAt(++i)); // [] and {} stay on one line
            depth--;
          }
        }
      }
      return out.toString();
    }

    private static boolean isCloser(char c) {
      return c == ']' || c == '}';
    }

    /** One structural character, indented; returns the depth after it. */
    private int indented(String s, int i, char c, int depth, StringBuilder out) {
      switch (c) {
        case '[', '{' -> {
          out.append(c);
          if (i + 1 < s.length() && !isCloser(s.charAt(i + 1))) {
            newline(out, depth + 1);
          }
          return depth + 1;
        }
        case ']', '}' -> {
          newline(out, depth - 1);
          out.append(c);
          return depth - 1;
        }
        case ',' -> {
          out.append(c);
          newline(out, depth);
          return depth;
        }
        case ':' -> {
          out.append(": ");
          return depth;
        }
        default -> {
          out.append(c);
          return depth;
        }
      }
    }

    private void newline(StringBuilder out, int depth) {
      out.append(crlf ? "\r\n" : "\n").append(" ".repeat(indent * depth));
    }

    private static String outsideStrings(String t) {
      StringBuilder out = new StringBuilder();
      boolean inString = false;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (inString && c == '\\') {
          i++;
        } else if (c == '"') {
          inString = !inString;
        } else if (!inString) {
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
