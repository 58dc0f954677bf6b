package dev.sqlite2pg;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A row that was not copied: which one, which column refused, the value as stored (text as is,
 * blobs as hex), and why.
 *
 * @param key "rowid=7", or the primary key of a WITHOUT ROWID table ("id='a1'")
 */
public record RejectedRow(
    String table, String key, String column, String storageClass, String value, String reason) {

  /** The reject file of {@code table}'s rows, in the reject directory: JSON Lines. */
  public static String fileName(String table) {
    return table.replaceAll("[^A-Za-z0-9_.-]", "_") + ".rejects.jsonl";
  }

  /** This row's fields, the same in the reject file and in the JSON report. */
  public void writeFields(JsonGenerator g) throws IOException {
    g.writeStringField("key", key);
    g.writeStringField("column", column);
    g.writeStringField("storage_class", storageClass);
    g.writeStringField("value", value);
    g.writeStringField("reason", reason);
  }
}
