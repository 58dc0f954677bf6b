package dev.sqlite2pg.plan;

import dev.sqlite2pg.sqlite.SourceRow;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a source row and its values are shown in reports: the row by rowid (or by primary key in a
 * WITHOUT ROWID table), a value in full as stored.
 */
public final class RowValues {

  private final boolean byRowid;
  private final List<String> pkNames = new ArrayList<>();
  private final List<Integer> pkIndexes = new ArrayList<>();

  public RowValues(TablePlan t) {
    this.byRowid = !t.source().withoutRowid();
    List<ColumnPlan> cols = t.copiedColumns();
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).source().pkPosition() > 0) {
        pkNames.add(cols.get(i).source().name());
        pkIndexes.add(i + 1);
      }
    }
  }

  public String describe(SourceRow row) {
    if (byRowid) {
      return "rowid=" + row.getLong(0);
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < pkIndexes.size(); i++) {
      parts.add(pkNames.get(i) + "=" + fullValue(row, pkIndexes.get(i)));
    }
    return parts.isEmpty() ? "(no key)" : String.join(", ", parts);
  }

  /** The whole value as stored: numbers as text, text as is, invalid text and blobs as X'hex'. */
  public static String fullValue(SourceRow row, int col) {
    return switch (row.type(col)) {
      case SourceRow.NULL -> "NULL";
      case SourceRow.INTEGER -> Long.toString(row.getLong(col));
      case SourceRow.FLOAT -> Double.toString(row.getDouble(col));
      case SourceRow.TEXT -> text(row.getBytes(col));
      default -> hex(row.getBytes(col));
    };
  }

  private static String text(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return hex(b);
    }
  }

  static String hex(byte[] b) {
    return "X'" + dev.sqlite2pg.convert.Describe.hex(b) + "'";
  }
}
