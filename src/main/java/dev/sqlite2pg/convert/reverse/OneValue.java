package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.sqlite.SourceRow;
import java.nio.charset.StandardCharsets;

/** One SQLite value as the copy's encoders read it: column 0 of a one-column row. */
final class OneValue implements SourceRow {

  private final Object v;

  OneValue(Object v) {
    this.v = v;
  }

  @Override
  public int type(int col) {
    if (v == null) {
      return NULL;
    }
    return switch (Storage.of(v)) {
      case INTEGER -> INTEGER;
      case REAL -> FLOAT;
      case TEXT -> TEXT;
      case BLOB -> BLOB;
    };
  }

  @Override
  public long getLong(int col) {
    return ((Number) v).longValue();
  }

  @Override
  public double getDouble(int col) {
    return (Double) v;
  }

  @Override
  public byte[] getBytes(int col) {
    return v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : ((byte[]) v).clone();
  }
}
