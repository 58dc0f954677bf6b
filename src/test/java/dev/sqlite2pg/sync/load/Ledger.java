package dev.sqlite2pg.sync.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledged writes (design 4.2), one line each: writer, its sequence number, table, key,
 * operation and the hash of the row as SQLite held it when the writer's COMMIT returned ("absent"
 * when the row was gone). A line is written only after COMMIT succeeded; rolled-back and refused
 * transactions leave none.
 *
 * <p>Writers never share a key (keys carry the writer's number, {@link LoadSchema#SPAN}; orders are
 * only touched by the writer that made them), so one key's lines are in its writer's commit order,
 * and the last line of a key is its final state. That includes rows a statement removed without
 * naming them: the writer reads back the REPLACE victims and the cascaded children as well, which
 * its write lock (BEGIN IMMEDIATE) makes exact.
 *
 * <p>Format: tab-separated, {@code writer seq table key op hash}, in files read in the order given.
 */
public final class Ledger implements AutoCloseable {

  /** One acknowledged row state. */
  public record Entry(int writer, long seq, String table, String key, String op, String hash) {
    String line() {
      return String.join("\t", Integer.toString(writer), Long.toString(seq), table, key, op, hash)
          + "\n";
    }

    static Entry parse(String line) {
      String[] f = line.split("\t", -1);
      return new Entry(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], f[3], f[4], f[5]);
    }

    public boolean present() {
      return !ABSENT.equals(hash);
    }
  }

  public static final String ABSENT = "absent";

  private final BufferedWriter out;

  public Ledger(Path file) {
    try {
      this.out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends one transaction's row states, after its COMMIT returned. */
  public synchronized void acknowledged(List<Entry> entries) {
    try {
      for (Entry e : entries) {
        out.write(e.line());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last acknowledged state of every key, by "table key", from the files in order. */
  public static Map<String, Entry> expected(List<Path> files) {
    Map<String, Entry> last = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        if (!Files.exists(f)) {
          continue;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isEmpty()) {
            Entry e = Entry.parse(line);
            last.put(e.table() + " " + e.key(), e);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return last;
  }
}
