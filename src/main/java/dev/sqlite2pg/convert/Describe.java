package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.nio.charset.StandardCharsets;

/**
 * Short, readable renderings of source values for error messages: "text 'abc'", "integer 42", "real
 * 0.1", "blob x'00ff'". Long values are cut so one bad megabyte blob does not flood a reject file.
 */
public final class Describe {

  static final int MAX_CHARS = 60;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Describe() {}

  public static String value(SourceRow row, int col) {
    return switch (row.type(col)) {
      case SourceRow.INTEGER -> "integer " + row.getLong(col);
      case SourceRow.FLOAT -> "real " + SqliteText.ofDouble(row.getDouble(col));
      case SourceRow.TEXT -> "text " + bytesAsText(row.getBytes(col));
      case SourceRow.BLOB -> "blob " + bytesAsHex(row.getBytes(col));
      case SourceRow.NULL -> "null";
      default -> SourceRow.typeName(row.type(col));
    };
  }

  /** Quoted, invalid UTF-8 shown as U+FFFD, control characters escaped, cut at 60 chars. */
  static String bytesAsText(byte[] b) {
    String s = new String(b, 0, Math.min(b.length, MAX_CHARS * 4), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 8).append('\'');
    int shown = 0;
    for (int i = 0; i < s.length() && shown < MAX_CHARS; i++, shown++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (shown < s.length() || b.length > MAX_CHARS * 4) {
      out.append("... (").append(b.length).append(" bytes)");
    }
    return out.toString();
  }

  static String bytesAsHex(byte[] b) {
    int shown = Math.min(b.length, MAX_CHARS / 2);
    StringBuilder out = new StringBuilder(shown * 2 + 24).append("x'");
    for (int i = 0; i < shown; i++) {
      out.append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
    }
    out.append('\'');
    if (shown < b.length) {
      out.append("... (").append(b.length).append(" bytes)");
    }
    return out.toString();
  }

  /** Lower-case hex digits of {@code b}, nothing around them. */
  public static String hex(byte[] b) {
    char[] out = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = HEX[(b[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[b[i] & 0xF];
    }
    return new String(out);
  }

  /** An enum's labels for a message: quoted, the first ten, then how many more. */
  static String labels(java.util.List<String> labels) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < labels.size() && i < 10; i++) {
      sb.append(i > 0 ? ", " : "").append('\'').append(labels.get(i)).append('\'');
    }
    if (labels.size() > 10) {
      sb.append(", and ").append(labels.size() - 10).append(" more");
    }
    return labels.isEmpty() ? "it has none" : sb.toString();
  }
}
