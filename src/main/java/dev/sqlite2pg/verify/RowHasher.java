package dev.sqlite2pg.verify;

/**
 * An order-independent fingerprint of a set of rows: the sums (mod 2^64) of two independent
 * 64-bit hashes of each row's canonical form. Equal multisets give equal fingerprints; one
 * changed, missing, extra or swapped value changes both sums, save with probability ~2^-128.
 */
final class RowHasher {

  private long sum1;
  private long sum2;
  private long count;
  private long h1;
  private long h2;

  void startRow() {
    h1 = 0xcbf29ce484222325L;
    h2 = 0x9E3779B97F4A7C15L;
  }

  /** Adds one value's canonical string; a separator keeps ("ab","c") apart from ("a","bc"). */
  void add(String canonical) {
    for (int i = 0; i < canonical.length(); i++) {
      char ch = canonical.charAt(i);
      h1 = (h1 ^ ch) * 0x100000001b3L;
      h2 = Long.rotateLeft(h2 ^ ch, 27) * 0xff51afd7ed558ccdL + 0x52dce729L;
    }
    h1 = (h1 ^ 0x1F) * 0x100000001b3L;
    h2 = Long.rotateLeft(h2 ^ 0x1F, 27) * 0xff51afd7ed558ccdL + 0x52dce729L;
  }

  void endRow() {
    sum1 += mix(h1);
    sum2 += mix(h2 ^ 0x5851F42D4C957F2DL);
    count++;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long count() {
    return count;
  }

  boolean sameAs(RowHasher other) {
    return count == other.count && sum1 == other.sum1 && sum2 == other.sum2;
  }
}
