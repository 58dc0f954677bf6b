package dev.sqlite2pg.copy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.RejectedRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes rejected rows as JSON Lines, one file per table ({@code <table>.rejects.jsonl}): a person
 * can read them and a script can parse them.
 */
public final class RejectFiles {

  private static final JsonFactory JSON = new JsonFactory();

  private RejectFiles() {}

  public static void write(Path dir, List<TableCopyResult> results) {
    for (TableCopyResult r : results) {
      if (!r.rejected().isEmpty()) {
        writeFile(dir.resolve(RejectedRow.fileName(r.sourceTable())), r.rejected());
      }
    }
  }

  private static void writeFile(Path file, List<RejectedRow> rows) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (RejectedRow row : rows) {
          try (JsonGenerator g = JSON.createGenerator(w)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("table", row.table());
            row.writeFields(g);
            g.writeEndObject();
          }
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new MigrationException(
          Code.INCOMPLETE,
          "Could not write the reject file "
              + file
              + ": "
              + e.getMessage()
              + "; the rejected rows are listed in the report",
          e);
    }
  }
}
