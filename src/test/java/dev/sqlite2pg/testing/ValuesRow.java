package dev.sqlite2pg.testing;

import dev.sqlite2pg.sqlite.SourceRow;
import java.nio.charset.StandardCharsets;

/**
 * A SourceRow over plain Java values, typed as SQLite would store them: null is NULL, Long and
 * Integer are INTEGER, Double is FLOAT, String is TEXT (its UTF-8), byte[] is BLOB, and {@link
 * #text(byte[])} is TEXT with exactly those bytes (for invalid UTF-8).
 */
public final class ValuesRow implements SourceRow {

  /** TEXT given as raw bytes. */
  public record RawText(byte[] bytes) {}

  private final Object[] values;

  public ValuesRow(Object... values) {
    this.values = values;
  }

  public static ValuesRow of(Object... values) {
    return new ValuesRow(values);
  }

  public static RawText text(byte[] bytes) {
    return new RawText(bytes);
  }

  @Override
  public int type(int col) {
    Object v = values[col];
    if (v == null) {
      return NULL;
    }
    if (v instanceof Long || v instanceof Integer) {
      return INTEGER;
    }
    if (v instanceof Double) {
      return FLOAT;
    }
    if (v instanceof String || v instanceof RawText) {
      return TEXT;
    }
    if (v instanceof byte[]) {
      return BLOB;
    }
    throw new IllegalArgumentException("No SQLite storage class for " + v.getClass());
  }

  @Override
  public long getLong(int col) {
    return ((Number) values[col]).longValue();
  }

  @Override
  public double getDouble(int col) {
    return (Double) values[col];
  }

  @Override
  public byte[] getBytes(int col) {
    Object v = values[col];
    if (v instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (v instanceof RawText t) {
      return t.bytes().clone();
    }
    return ((byte[]) v).clone();
  }
}
