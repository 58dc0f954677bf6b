package dev.sqlite2pg.verify;

import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.verify.jsonb.JsonbText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical bytes of a source row: the binary COPY fields the encoders produced, as {@link
 * PgCanon} reads them back from PostgreSQL. Some kinds of field change on the way in, so they are
 * brought to PostgreSQL's form first: numeric (the server strips zero digit groups, also in a
 * numeric[]), jsonb (the server stores a normalised document) and char(n) (the server pads it with
 * spaces to n characters, and bpcharsend sends the padding). Then the row is hashed as
 * hash_record_extended() hashes the row of its fields' send outputs ({@link PgHash}), and that hash
 * twice more, as {@link PgCanon#hashes} does. One instance per thread: it reuses its buffers.
 */
final class RowCanon {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final PgType[] types;
  private final int[] starts;
  private final PgHash fields = new PgHash(PgCanon.SEED1);
  private final PgHash whole = new PgHash(PgCanon.SEED1);
  private final PgHash high = new PgHash(PgCanon.SEED2);
  private byte[] out = new byte[256];
  private int len;
  private long h1;
  private long h2;

  RowCanon(List<PgType> types) {
    this.types = types.toArray(PgType[]::new);
    this.starts = new int[this.types.length + 1];
  }

  /**
   * Reads one encoded row ({@code int16} field count, then per field {@code int32} length and
   * bytes) from {@code buf} at {@code off}; afterwards {@link #hash1()}, {@link #hash2()} and
   * {@link #field(int)} describe it.
   */
  void read(byte[] buf, int off) {
    len = 0;
    int p = off + 2;
    for (int i = 0; i < types.length; i++) {
      starts[i] = len;
      int n = readInt(buf, p);
      if (n < 0) {
        copy(buf, p, 4);
        p += 4;
        continue;
      }
      if (changesOnInput(types[i])) {
        normalise(types[i], buf, p + 4, n);
      } else {
        copy(buf, p, 4 + n);
      }
      p += 4 + n;
    }
    starts[types.length] = len;
    hash(out, 0, false);
  }

  /**
   * As {@link #read}, for {@link #hash1()} and {@link #hash2()} only ({@link #field} is not valid
   * after it): fields PostgreSQL keeps as sent are hashed where they lie, not copied.
   */
  void readHashes(byte[] buf, int off) {
    hash(buf, off + 2, true);
  }

  /**
   * Hashes the fields that start at {@code p} as hash_record_extended() does, then the result as
   * {@link PgCanon#hashes} does.
   *
   * @param normalize numeric and jsonb fields are still in the copy's form: bring them to the
   *     server's first (in {@link #out})
   */
  private void hash(byte[] b, int p, boolean normalize) {
    long h = 0;
    for (int i = 0; i < types.length; i++) {
      int n = readInt(b, p);
      long field = 0; // NULL
      if (n >= 0 && normalize && changesOnInput(types[i])) {
        len = 0;
        normalise(types[i], b, p + 4, n);
        field = fields.bytes(out, 4, len - 4);
      } else if (n >= 0) {
        field = fields.bytes(b, p + 4, n);
      }
      h = PgHash.fold(h, field);
      p += 4 + Math.max(n, 0);
    }
    // The fold is linear: two rows trading one column's values would keep the table's sum.
    // Hashing the row's hash again makes the sum depend on all of a row's fields at once:
    // once whole (hashint8extended folds it to 32 bits first), once its high half, so that
    // together they change whenever it does.
    h1 = whole.int8(h);
    h2 = high.int4((int) (h >> 32));
  }

  long hash1() {
    return h1;
  }

  long hash2() {
    return h2;
  }

  /** Field {@code i} of the last row read, in hex, as encode(PgCanon.field(...), 'hex'). */
  String field(int i) {
    StringBuilder sb = new StringBuilder(2 * (starts[i + 1] - starts[i]));
    for (int k = starts[i]; k < starts[i + 1]; k++) {
      sb.append(HEX[(out[k] >> 4) & 0xF]).append(HEX[out[k] & 0xF]);
    }
    return sb.toString();
  }

  /** Whether the server stores a field of this type differently from how the copy sent it. */
  private static boolean changesOnInput(PgType t) {
    return switch (t.kind()) {
      case NUMERIC, JSONB -> true;
      case BPCHAR -> t.length().isPresent();
      case ARRAY -> t.element().orElseThrow().kind() == PgType.Kind.NUMERIC;
      default -> false;
    };
  }

  /** The field of {@code n} bytes at {@code p} as the server sends it back, length first. */
  private void normalise(PgType t, byte[] b, int p, int n) {
    switch (t.kind()) {
      case NUMERIC -> numeric(b, p);
      case JSONB -> jsonb(b, p, n);
      case BPCHAR -> padded(b, p, n, t.length().getAsInt());
      default -> numericArray(b, p, n);
    }
  }

  /** char(n): the value, then spaces up to n characters. */
  private void padded(byte[] b, int p, int n, int chars) {
    int have = 0;
    for (int k = p; k < p + n; k++) {
      have += (b[k] & 0xC0) != 0x80 ? 1 : 0;
    }
    int pad = Math.max(0, chars - have);
    putInt(n + pad);
    copy(b, p, n);
    ensure(pad);
    Arrays.fill(out, len, len + pad, (byte) ' ');
    len += pad;
  }

  /** numeric[]: the header as sent, each element as the server stores it. */
  private void numericArray(byte[] b, int p, int n) {
    int lengthAt = len;
    putInt(0);
    int ndim = readInt(b, p);
    int header = 12 + 8 * ndim;
    copy(b, p, header);
    for (int q = p + header; q < p + n; ) {
      int m = readInt(b, q);
      if (m < 0) {
        copy(b, q, 4);
        q += 4;
      } else {
        numeric(b, q + 4);
        q += 4 + m;
      }
    }
    int total = len - lengthAt - 4;
    out[lengthAt] = (byte) (total >>> 24);
    out[lengthAt + 1] = (byte) (total >>> 16);
    out[lengthAt + 2] = (byte) (total >>> 8);
    out[lengthAt + 3] = (byte) total;
  }

  /**
   * numeric as the server sends it back: leading and trailing zero digit groups stripped (the
   * weight moves with the leading ones), zero as no digits with weight 0 and a positive sign, NaN
   * and the infinities with weight and display scale 0.
   */
  private void numeric(byte[] b, int p) {
    int ndigits = u16(b, p);
    int weight = (short) u16(b, p + 2);
    int sign = u16(b, p + 4);
    int dscale = u16(b, p + 6);
    int first = 0;
    int last = ndigits;
    if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000) {
      first = last = 0;
      weight = 0;
      dscale = 0;
    }
    while (first < last && u16(b, p + 8 + 2 * first) == 0) {
      first++;
      weight--;
    }
    while (last > first && u16(b, p + 8 + 2 * (last - 1)) == 0) {
      last--;
    }
    if (first == last && sign != 0xC000 && sign != 0xD000 && sign != 0xF000) {
      weight = 0;
      sign = 0;
    }
    int digits = last - first;
    putInt(8 + 2 * digits);
    putShort(digits);
    putShort(weight);
    putShort(sign);
    putShort(dscale);
    copy(b, p + 8 + 2 * first, 2 * digits);
  }

  /** jsonb as the server sends it: version 1, then its normalised text. */
  private void jsonb(byte[] b, int p, int n) {
    byte[] text =
        JsonbText.render(Arrays.copyOfRange(b, p + 1, p + n)).getBytes(StandardCharsets.UTF_8);
    putInt(1 + text.length);
    ensure(1);
    out[len++] = 1;
    copy(text, 0, text.length);
  }

  private void copy(byte[] b, int p, int n) {
    ensure(n);
    System.arraycopy(b, p, out, len, n);
    len += n;
  }

  private void putInt(int v) {
    ensure(4);
    out[len++] = (byte) (v >>> 24);
    out[len++] = (byte) (v >>> 16);
    out[len++] = (byte) (v >>> 8);
    out[len++] = (byte) v;
  }

  private void putShort(int v) {
    ensure(2);
    out[len++] = (byte) (v >>> 8);
    out[len++] = (byte) v;
  }

  private void ensure(int more) {
    if (len + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, len + more));
    }
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  static int readInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24)
        | ((b[p + 1] & 0xFF) << 16)
        | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  static long longAt(byte[] b, int p) {
    return ((long) readInt(b, p) << 32) | (readInt(b, p + 4) & 0xFFFFFFFFL);
  }
}
