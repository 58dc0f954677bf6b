package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.convert.BinaryCopyBuffer;
import dev.sqlite2pg.convert.ConversionException;
import dev.sqlite2pg.convert.Encoders;
import dev.sqlite2pg.convert.JsonValues;
import dev.sqlite2pg.convert.PgType;
import dev.sqlite2pg.convert.ValueEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Whether two SQLite values of a column mean the same PostgreSQL value: the copy encodes them to
 * the same bytes, or, for jsonb, to documents jsonb holds as equal (it does not keep key order or
 * layout). Lets a reverse keep the row's current SQLite text where PostgreSQL did not change it:
 * PocketBase's '{"lon":-74.0,"lat":40.7}' stays as it is rather than come back in jsonb's order.
 */
final class SameValue {

  private final ValueEncoder encoder;
  private final boolean jsonb;

  SameValue(ColumnShape shape) {
    this.encoder = Encoders.forType(shape.type(), shape.options());
    this.jsonb = shape.type().kind() == PgType.Kind.JSONB;
  }

  boolean test(Object a, Object b) {
    byte[] x = encode(a);
    byte[] y = encode(b);
    if (x == null || y == null) {
      return false;
    }
    if (jsonb && !Arrays.equals(x, y)) {
      try {
        return JsonValues.canonicalJsonb(text(a)).equals(JsonValues.canonicalJsonb(text(b)));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return Arrays.equals(x, y);
  }

  private byte[] encode(Object v) {
    BinaryCopyBuffer buf = new BinaryCopyBuffer(64);
    buf.startRow(1);
    try {
      encoder.encode(new OneValue(v), 0, buf);
    } catch (ConversionException e) {
      return null;
    }
    return Arrays.copyOf(buf.array(), buf.size());
  }

  private static String text(Object v) {
    return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
  }
}
