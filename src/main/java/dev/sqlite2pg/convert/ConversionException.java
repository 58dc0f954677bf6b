package dev.sqlite2pg.convert;

/**
 * A value that cannot be written to its target type without changing its meaning. The message says
 * why in words a person can act on ("text 'abc' is not an integer"); the caller adds the table, row
 * and column.
 */
public final class ConversionException extends Exception {

  public ConversionException(String reason) {
    super(reason, null, false, false);
  }
}
