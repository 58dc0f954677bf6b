package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;

/**
 * Converts one SQLite value to one field of binary COPY for a fixed target type. Called once per
 * value on the hot path: implementations allocate as little as they can and never box.
 */
@FunctionalInterface
public interface ValueEncoder {

  /**
   * Writes column {@code col} of {@code row} to {@code out}, or throws when the value cannot be
   * represented exactly; then nothing has been written.
   */
  void encode(SourceRow row, int col, FieldSink out) throws ConversionException;
}
