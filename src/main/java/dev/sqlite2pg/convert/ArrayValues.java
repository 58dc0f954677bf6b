package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One-dimensional arrays from a JSON array of scalars in the source, the way applications keep a
 * list in SQLite (Rails' serialize, SQLAlchemy's JSON column) before moving to a PostgreSQL array
 * column. Written as array_send gives it: dimensions 1 (0 when empty), 1 when an element is NULL
 * else 0, the element type's OID (array_recv refuses any other), the length and lower bound 1, then
 * each element as a COPY field, through the element type's own encoder.
 */
final class ArrayValues {

  /** Built-in element types and their fixed OIDs (pg_type.dat). */
  private static final Map<String, Integer> OIDS =
      Map.ofEntries(
          Map.entry("smallint", 21),
          Map.entry("integer", 23),
          Map.entry("bigint", 20),
          Map.entry("real", 700),
          Map.entry("double precision", 701),
          Map.entry("boolean", 16),
          Map.entry("text", 25),
          Map.entry("uuid", 2950),
          Map.entry("date", 1082),
          Map.entry("timestamp", 1114),
          Map.entry("timestamptz", 1184),
          Map.entry("time", 1083),
          Map.entry("interval", 1186),
          Map.entry("inet", 869));

  private ArrayValues() {}

  /** The element type's OID, if the tool can write arrays of it. */
  static OptionalInt oid(PgType element) {
    if (element.kind() == PgType.Kind.NUMERIC) {
      return OptionalInt.of(1700);
    }
    if (element.kind() == PgType.Kind.TEXT && element.length().isPresent()) {
      return OptionalInt.of(1043); // varchar(n): the typmod travels with the column
    }
    Integer oid = OIDS.get(element.sql());
    return oid == null ? OptionalInt.empty() : OptionalInt.of(oid);
  }

  /** The array's encoder; {@code element} reads one element as a source value. */
  static ValueEncoder encoder(PgType type, ValueEncoder element) {
    PgType el = type.element().orElseThrow();
    int oid = oid(el).orElseThrow(() -> new IllegalArgumentException("no array of " + el.sql()));
    PgType.Kind k = el.kind();
    return (row, col, out) -> {
      if (row.type(col) == SourceRow.NULL) {
        out.writeNull();
        return;
      }
      Element e = new Element();
      Elements body = new Elements();
      int n = 0;
      if (row.type(col) != SourceRow.TEXT) {
        throw notAnArray(row, col, type);
      }
      Json j = new Json(row.getBytes(col));
      if (!j.open()) {
        throw notAnArray(row, col, type);
      }
      while (j.next(e)) {
        if (!e.fits(k)) {
          throw new ConversionException(
              Describe.value(row, col)
                  + " has element "
                  + (n + 1)
                  + ", "
                  + e.describe()
                  + ", which is not "
                  + el.sql());
        }
        try {
          element.encode(e, 0, body);
        } catch (ConversionException x) {
          throw new ConversionException(
              Describe.value(row, col) + " element " + (n + 1) + ": " + x.getMessage());
        }
        n++;
      }
      if (!j.closed()) {
        throw notAnArray(row, col, type);
      }
      byte[] head = header(n, body.nulls, oid);
      byte[] all = Arrays.copyOf(head, head.length + body.size());
      System.arraycopy(body.toByteArray(), 0, all, head.length, body.size());
      out.writeBytes(all, 0, all.length);
    };
  }

  private static byte[] header(int n, boolean nulls, int oid) {
    byte[] h = new byte[n == 0 ? 12 : 20];
    put(h, 0, n == 0 ? 0 : 1);
    put(h, 4, nulls ? 1 : 0);
    put(h, 8, oid);
    if (n > 0) {
      put(h, 12, n);
      put(h, 16, 1);
    }
    return h;
  }

  private static void put(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }

  private static ConversionException notAnArray(SourceRow row, int col, PgType type) {
    return new ConversionException(
        Describe.value(row, col)
            + " is not a JSON array of scalars (one dimension), which "
            + type.sql()
            + " needs");
  }

  /** One JSON scalar, seen by the element's encoder as a one-column source row. */
  private static final class Element implements SourceRow {
    int type;
    long l;
    double d;
    byte[] b;
    boolean json; // true/false, kept apart from numbers
    boolean number;

    @Override
    public int type(int col) {
      return type;
    }

    @Override
    public long getLong(int col) {
      return l;
    }

    @Override
    public double getDouble(int col) {
      return d;
    }

    @Override
    public byte[] getBytes(int col) {
      return b;
    }

    /** JSON's own types must match: numbers for numbers, true/false for boolean, strings else. */
    boolean fits(PgType.Kind k) {
      if (type == NULL) {
        return true;
      }
      if (number && type == TEXT && k != PgType.Kind.NUMERIC) {
        type =
            FLOAT; // 1.5 or 1e3: a double for the float types (integers are refused if not whole)
      }
      return switch (k) {
        case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC -> number;
        case BOOLEAN -> json;
        default -> type == TEXT && !number;
      };
    }

    String describe() {
      if (type == NULL) {
        return "null";
      }
      if (json) {
        return l == 1 ? "true" : "false";
      }
      if (number) {
        return "the number " + new String(b, StandardCharsets.UTF_8);
      }
      return "the string " + Describe.bytesAsText(b);
    }
  }

  /** Element fields as array_send writes them: a length (-1 for NULL), then the bytes. */
  private static final class Elements extends ByteArrayOutputStream implements FieldSink {
    boolean nulls;

    private void len(int n) {
      write(n >>> 24);
      write(n >>> 16);
      write(n >>> 8);
      write(n);
    }

    @Override
    public void writeNull() {
      nulls = true;
      len(-1);
    }

    @Override
    public void writeInt2(short v) {
      len(2);
      write(v >>> 8);
      write(v);
    }

    @Override
    public void writeInt4(int v) {
      len(4);
      write(v >>> 24);
      write(v >>> 16);
      write(v >>> 8);
      write(v);
    }

    @Override
    public void writeInt8(long v) {
      len(8);
      for (int s = 56; s >= 0; s -= 8) {
        write((int) (v >>> s));
      }
    }

    @Override
    public void writeFloat4(float v) {
      writeInt4(Float.floatToRawIntBits(v));
    }

    @Override
    public void writeFloat8(double v) {
      writeInt8(Double.doubleToRawLongBits(v));
    }

    @Override
    public void writeBoolean(boolean v) {
      len(1);
      write(v ? 1 : 0);
    }

    @Override
    public void writeBytes(byte[] bytes, int off, int n) {
      len(n);
      write(bytes, off, n);
    }

    @Override
    public void writePrefixedBytes(byte prefix, byte[] bytes, int off, int n) {
      len(n + 1);
      write(prefix);
      write(bytes, off, n);
    }
  }

  /** A reader of "[scalar, scalar, ...]": strings, numbers, true, false, null; nothing nested. */
  private static final class Json {
    private final byte[] s;
    private int p;
    private boolean first = true;
    private boolean afterComma;
    private boolean bad;

    Json(byte[] s) {
      this.s = s;
    }

    boolean open() {
      ws();
      return p < s.length && s[p++] == '[';
    }

    /** The next element into e; false at the closing ']' or at a syntax error (closed() false). */
    boolean next(Element e) {
      ws();
      if (p < s.length && s[p] == ']') {
        bad |= afterComma;
        return false;
      }
      if (!first) {
        if (p >= s.length || s[p] != ',') {
          bad = true;
          return false;
        }
        p++;
        ws();
        afterComma = true;
      }
      first = false;
      e.json = false;
      e.number = false;
      boolean ok = p < s.length && element(e);
      bad |= !ok;
      afterComma = false;
      return ok;
    }

    private boolean element(Element e) {
      if (s[p] == '"') {
        e.type = SourceRow.TEXT;
        e.b = string();
        return e.b != null;
      }
      if (word("null")) {
        e.type = SourceRow.NULL;
      } else if (word("true")) {
        e.type = SourceRow.INTEGER;
        e.json = true;
        e.l = 1;
      } else if (word("false")) {
        e.type = SourceRow.INTEGER;
        e.json = true;
        e.l = 0;
      } else {
        return number(e);
      }
      return true;
    }

    boolean closed() {
      ws();
      if (bad) {
        return false;
      }
      if (p >= s.length || s[p] != ']') {
        return false;
      }
      p++;
      ws();
      return p == s.length;
    }

    private boolean number(Element e) {
      int start = p;
      while (p < s.length && "+-.eE0123456789".indexOf(s[p]) >= 0) {
        p++;
      }
      String t = new String(s, start, p - start, StandardCharsets.US_ASCII);
      if (!t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
        return false;
      }
      e.number = true;
      e.b = t.getBytes(StandardCharsets.US_ASCII);
      if (t.matches("-?[0-9]{1,18}")) {
        e.type = SourceRow.INTEGER;
        e.l = Long.parseLong(t);
        e.d = e.l;
      } else {
        // Kept as the literal for numeric (exact decimal); as a double for the float types.
        e.type = SourceRow.TEXT;
        e.d = Double.parseDouble(t);
      }
      return true;
    }

    private boolean word(String w) {
      if (s.length - p < w.length()) {
        return false;
      }
      for (int i = 0; i < w.length(); i++) {
        if (s[p + i] != w.charAt(i)) {
          return false;
        }
      }
      p += w.length();
      return true;
    }

    private byte[] string() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      p++;
      while (p < s.length && s[p] != '"') {
        byte c = s[p++];
        if (c != '\\') {
          out.write(c);
          continue;
        }
        if (p >= s.length) {
          return null;
        }
        byte x = s[p++];
        int cp =
            switch (x) {
              case '"', '\\', '/' -> x;
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'u' -> unicode();
              default -> -1;
            };
        if (cp < 0) {
          return null;
        }
        byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(enc, 0, enc.length);
      }
      if (p >= s.length) {
        return null;
      }
      p++;
      return out.toByteArray();
    }

    /** \\uXXXX, joining a surrogate pair; -1 for a lone surrogate (not valid text). */
    private int unicode() {
      int hi = hex4();
      if (hi >= 0xD800 && hi <= 0xDBFF && p + 1 < s.length && s[p] == '\\' && s[p + 1] == 'u') {
        p += 2;
        int lo = hex4();
        return lo >= 0xDC00 && lo <= 0xDFFF ? Character.toCodePoint((char) hi, (char) lo) : -1;
      }
      return hi < 0 || (hi >= 0xD800 && hi <= 0xDFFF) ? -1 : hi;
    }

    private int hex4() {
      if (p + 4 > s.length) {
        return -1;
      }
      int v = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(s[p++], 16);
        if (d < 0) {
          return -1;
        }
        v = v * 16 + d;
      }
      return v;
    }

    private void ws() {
      while (p < s.length && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')) {
        p++;
      }
    }
  }
}
