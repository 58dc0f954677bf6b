package dev.sqlite2pg.verify;

/**
 * An order-independent fingerprint of a set of rows: the count and two sums (mod 2^64) of the
 * halves of each row's MD5. Equal multisets of rows give equal fingerprints; a missing, extra or
 * changed row changes them, save with probability about 2^-128. Sums subtract, so the fingerprint
 * of one half of a key range is the whole minus the other half.
 */
public record Fingerprint(long count, long sum1, long sum2) {

  public static final Fingerprint EMPTY = new Fingerprint(0, 0, 0);

  public Fingerprint minus(Fingerprint other) {
    return new Fingerprint(count - other.count, sum1 - other.sum1, sum2 - other.sum2);
  }
}
