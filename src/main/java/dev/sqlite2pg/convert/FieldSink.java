package dev.sqlite2pg.convert;

/**
 * Where a {@link ValueEncoder} writes one field of a PostgreSQL binary COPY tuple: a 4-byte length
 * (or -1 for NULL) followed by the type's binary representation.
 */
public interface FieldSink {
  void writeNull();

  void writeInt2(short value);

  void writeInt4(int value);

  void writeInt8(long value);

  void writeFloat4(float value);

  void writeFloat8(double value);

  void writeBoolean(boolean value);

  /** A length-prefixed field holding {@code len} bytes of {@code bytes} from {@code off}. */
  void writeBytes(byte[] bytes, int off, int len);

  /** A length-prefixed field of one prefix byte then the given bytes (jsonb's version 1). */
  void writePrefixedBytes(byte prefix, byte[] bytes, int off, int len);
}
