package dev.sqlite2pg.verify;

/**
 * PostgreSQL's own 64-bit hash of bytes with a seed (hash_bytes_extended in src/common/hashfn.c:
 * Bob Jenkins' lookup3), as bytea's extended hash function and hash_record_extended() compute it on
 * a little-endian server. Verification hashes each row's fields with it on both sides: inside
 * PostgreSQL it costs about a quarter of md5() with hex decoding (2M rows of 7 columns: 1.1 s
 * against 3.9 s), which made the server's side the slower one. One instance per seed and thread.
 */
final class PgHash {

  /** Inputs up to this length start from a cached state: the seed's mixing is done once. */
  private static final int CACHED = 256;

  private final long seed;
  private final int[] start = new int[3 * (CACHED + 1)];
  private final boolean[] ready = new boolean[CACHED + 1];

  PgHash(long seed) {
    this.seed = seed;
  }

  /** hash_bytes_extended(b[off, off+len), seed). */
  long bytes(byte[] b, int off, int len) {
    int a;
    int bb;
    int c;
    if (len <= CACHED) {
      if (!ready[len]) {
        int[] s = seeded(len);
        System.arraycopy(s, 0, start, 3 * len, 3);
        ready[len] = true;
      }
      a = start[3 * len];
      bb = start[3 * len + 1];
      c = start[3 * len + 2];
    } else {
      int[] s = seeded(len);
      a = s[0];
      bb = s[1];
      c = s[2];
    }
    int i = off;
    int n = len;
    while (n >= 12) {
      a += le(b, i);
      bb += le(b, i + 4);
      c += le(b, i + 8);
      // lookup3's mix(), written out (as in seeded()): it runs for every 12 bytes of every row
      a -= c;
      a ^= Integer.rotateLeft(c, 4);
      c += bb;
      bb -= a;
      bb ^= Integer.rotateLeft(a, 6);
      a += c;
      c -= bb;
      c ^= Integer.rotateLeft(bb, 8);
      bb += a;
      a -= c;
      a ^= Integer.rotateLeft(c, 16);
      c += bb;
      bb -= a;
      bb ^= Integer.rotateLeft(a, 19);
      a += c;
      c -= bb;
      c ^= Integer.rotateLeft(bb, 4);
      bb += a;
      i += 12;
      n -= 12;
    }
    // The last 0 to 11 bytes, little-endian into a, b, c (c's low byte stays free).
    if (n >= 8) {
      a += le(b, i);
      bb += le(b, i + 4);
      c += partial(b, i + 8, n - 8) << 8;
    } else if (n >= 4) {
      a += le(b, i);
      bb += partial(b, i + 4, n - 4);
    } else {
      a += partial(b, i, n);
    }
    return fin(a, bb, c);
  }

  /**
   * hashint8extended(v, seed): the two halves xor-ed into 32 bits (the sign flips the high one),
   * then hashed as those 4 bytes.
   */
  long int8(long v) {
    int lo = (int) v;
    int hi = (int) (v >>> 32);
    return int4(lo ^ (v >= 0 ? hi : ~hi));
  }

  /** hashint4extended(v, seed): the 4 bytes of v hashed. */
  long int4(int v) {
    if (!ready[4]) {
      System.arraycopy(seeded(4), 0, start, 12, 3);
      ready[4] = true;
    }
    return fin(start[12] + v, start[13], start[14]);
  }

  /**
   * How hash_record_extended() folds its fields' hashes: {@code h * 31 + field}, a NULL field
   * counting 0.
   */
  static long fold(long h, long field) {
    return h * 31 + field;
  }

  /** The state before the data: the length, then the seed taken in as a 12-byte block. */
  private int[] seeded(int len) {
    int a = 0x9e3779b9 + len + 3923095;
    int b = a;
    int c = a;
    if (seed != 0) {
      a += (int) (seed >>> 32);
      b += (int) seed;
      a -= c;
      a ^= Integer.rotateLeft(c, 4);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 6);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 8);
      b += a;
      a -= c;
      a ^= Integer.rotateLeft(c, 16);
      c += b;
      b -= a;
      b ^= Integer.rotateLeft(a, 19);
      a += c;
      c -= b;
      c ^= Integer.rotateLeft(b, 4);
      b += a;
    }
    return new int[] {a, b, c};
  }

  /** lookup3's final(); the result is b in the high half, c in the low one. */
  private static long fin(int a, int b, int c) {
    c ^= b;
    c -= Integer.rotateLeft(b, 14);
    a ^= c;
    a -= Integer.rotateLeft(c, 11);
    b ^= a;
    b -= Integer.rotateLeft(a, 25);
    c ^= b;
    c -= Integer.rotateLeft(b, 16);
    a ^= c;
    a -= Integer.rotateLeft(c, 4);
    b ^= a;
    b -= Integer.rotateLeft(a, 14);
    c ^= b;
    c -= Integer.rotateLeft(b, 24);
    return ((long) b << 32) | (c & 0xFFFFFFFFL);
  }

  /** One load, not four: this was half of verification's time on the SQLite side. */
  private static final java.lang.invoke.VarHandle INTS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private static int le(byte[] b, int i) {
    return (int) INTS.get(b, i);
  }

  /** 0 to 3 bytes at {@code i}, little-endian. */
  private static int partial(byte[] b, int i, int n) {
    return switch (n) {
      case 3 -> (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
      case 2 -> (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
      case 1 -> b[i] & 0xFF;
      default -> 0;
    };
  }
}
