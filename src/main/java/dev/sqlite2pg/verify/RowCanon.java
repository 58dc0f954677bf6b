package dev.sqlite2pg.verify;

import dev.sqlite2pg.mapping.PgType;
import dev.sqlite2pg.mapping.TimeValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical bytes of a source row, computed from the binary COPY row the encoders produce:
 * what PostgreSQL would hold. Matches {@link PgCanon} byte for byte, then hashes the row with
 * MD5 as PostgreSQL's md5() does. One instance per thread: it reuses its buffers.
 */
final class RowCanon {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final PgType[] types;
  private final MessageDigest md5;
  private final int[] starts;
  private byte[] out = new byte[256];
  private int len;
  private long h1;
  private long h2;

  RowCanon(List<PgType> types) {
    this.types = types.toArray(PgType[]::new);
    this.starts = new int[this.types.length + 1];
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  /**
   * Reads one encoded row ({@code int16} field count, then per field {@code int32} length and
   * bytes) from {@code buf} at {@code off}; afterwards {@link #hash1()}/{@link #hash2()} and
   * {@link #field(int)} describe it.
   */
  void read(byte[] buf, int off) {
    len = 0;
    int p = off + 2;
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        put((byte) '|');
      }
      starts[i] = len;
      int n = readInt(buf, p);
      p += 4;
      if (n < 0) {
        put((byte) 'N');
      } else {
        field(types[i], buf, p, n);
        p += n;
      }
    }
    starts[types.length] = len + 1;
    md5.update(out, 0, len);
    byte[] d = md5.digest();
    h1 = longAt(d, 0);
    h2 = longAt(d, 8);
  }

  long hash1() {
    return h1;
  }

  long hash2() {
    return h2;
  }

  /** The canonical text of field {@code i} of the last row read, as {@link PgCanon#field}. */
  String field(int i) {
    return new String(out, starts[i], starts[i + 1] - 1 - starts[i], StandardCharsets.UTF_8);
  }

  private void field(PgType type, byte[] b, int p, int n) {
    switch (type.kind()) {
      case SMALLINT -> ascii(Short.toString((short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF))));
      case INTEGER -> ascii(Integer.toString(readInt(b, p)));
      case BIGINT -> ascii(Long.toString(longAt(b, p)));
      case REAL, DOUBLE, BYTEA -> hex(b, p, n);
      case NUMERIC -> ascii(numeric(b, p));
      case TEXT, JSON -> counted(b, p, n);
      case JSONB -> {
        byte[] text = JsonbText.render(Arrays.copyOfRange(b, p + 1, p + n))
            .getBytes(StandardCharsets.UTF_8);
        counted(text, 0, text.length);
      }
      case BOOLEAN -> put(b[p] != 0 ? (byte) 't' : (byte) 'f');
      case DATE -> ascii(Long.toString(readInt(b, p) + (long) TimeValues.PG_EPOCH_DAYS));
      case TIMESTAMP, TIMESTAMPTZ -> ascii(Long.toString(longAt(b, p) + TimeValues.PG_EPOCH_MICROS));
      case UUID -> uuid(b, p);
    }
  }

  /** PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits. */
  static String numeric(byte[] b, int p) {
    int ndigits = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    int weight = (short) (((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF));
    int sign = ((b[p + 4] & 0xFF) << 8) | (b[p + 5] & 0xFF);
    switch (sign) {
      case 0xC000:
        return "NaN";
      case 0xD000:
        return "Infinity";
      case 0xF000:
        return "-Infinity";
      default:
        break;
    }
    if (ndigits == 0) {
      return "0";
    }
    StringBuilder digits = new StringBuilder(ndigits * 4);
    for (int i = 0; i < ndigits; i++) {
      int d = ((b[p + 8 + 2 * i] & 0xFF) << 8) | (b[p + 9 + 2 * i] & 0xFF);
      String s = Integer.toString(d);
      digits.append("0000", 0, 4 - s.length()).append(s);
    }
    BigDecimal v = new BigDecimal(new BigInteger(digits.toString()), 4 * (ndigits - 1 - weight));
    if (sign == 0x4000) {
      v = v.negate();
    }
    v = v.stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
  }

  private void uuid(byte[] b, int p) {
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        put((byte) '-');
      }
      put(HEX[(b[p + i] >> 4) & 0xF]);
      put(HEX[b[p + i] & 0xF]);
    }
  }

  private void counted(byte[] b, int p, int n) {
    ascii(Integer.toString(n));
    put((byte) ':');
    ensure(n);
    System.arraycopy(b, p, out, len, n);
    len += n;
  }

  private void hex(byte[] b, int p, int n) {
    ensure(2 * n);
    for (int i = 0; i < n; i++) {
      out[len++] = HEX[(b[p + i] >> 4) & 0xF];
      out[len++] = HEX[b[p + i] & 0xF];
    }
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      out[len++] = (byte) s.charAt(i);
    }
  }

  private void put(byte x) {
    ensure(1);
    out[len++] = x;
  }

  private void ensure(int more) {
    if (len + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, len + more));
    }
  }

  static int readInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  static long longAt(byte[] b, int p) {
    return ((long) readInt(b, p) << 32) | (readInt(b, p + 4) & 0xFFFFFFFFL);
  }
}
