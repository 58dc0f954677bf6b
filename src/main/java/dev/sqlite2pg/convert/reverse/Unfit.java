package dev.sqlite2pg.convert.reverse;

/**
 * Why a value does not fit the column's form (a time with milliseconds and an INTEGER epoch-seconds
 * column); {@link ReverseValue} turns it into a {@link ReverseException} naming the column and the
 * value.
 */
final class Unfit extends Exception {

  private static final long serialVersionUID = 1L;

  Unfit(String reason) {
    super(reason, null, false, false);
  }
}
