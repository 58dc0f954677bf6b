package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;

/**
 * One {@link ValueEncoder} per target type. Each writes a value only when the target holds it
 * exactly and otherwise throws a reason; the rules live in the *Values classes, shared with {@link
 * Canonical}. The common pairs (integer to bigint, real to double precision, text to text, blob to
 * bytea) are tested first and allocate nothing.
 */
public final class Encoders {

  private static final byte JSONB_VERSION = 1;

  private Encoders() {}

  /** The encoder for {@code type}, reading numbers in time columns as Unix epoch seconds. */
  public static ValueEncoder forType(PgType type) {
    return forType(type, EncoderOptions.DEFAULT);
  }

  public static ValueEncoder forType(PgType type, EncoderOptions opts) {
    return switch (type.kind()) {
      case SMALLINT ->
          nullOr(
              (row, col, out) ->
                  out.writeInt2(
                      (short)
                          SourceValues.integer(
                              row, col, Short.MIN_VALUE, Short.MAX_VALUE, "a smallint")));
      case INTEGER ->
          nullOr(
              (row, col, out) ->
                  out.writeInt4(
                      (int)
                          SourceValues.integer(
                              row, col, Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer")));
      case BIGINT -> Encoders::bigint;
      case REAL -> nullOr((row, col, out) -> out.writeFloat4(SourceValues.float4(row, col)));
      case DOUBLE -> Encoders::float8;
      case NUMERIC -> numeric(NumericValues.typmod(type.sql()));
      case TEXT ->
          type.length().isPresent()
              ? limitedText(type.length().getAsInt(), type.sql())
              : Encoders::text;
      case BPCHAR -> limitedText(type.length().orElse(Integer.MAX_VALUE), type.sql());
      case BYTEA -> Encoders::bytea;
      case BOOLEAN -> nullOr((row, col, out) -> out.writeBoolean(SourceValues.bool(row, col)));
      case DATE ->
          nullOr(
              (row, col, out) ->
                  out.writeInt4((int) (TimeSource.dateDays(row, col) - TimeValues.PG_EPOCH_DAYS)));
      case TIMESTAMP -> timestamp(opts, false, type.precision());
      case TIMESTAMPTZ -> timestamp(opts, true, type.precision());
      case TIME -> nullOr((row, col, out) -> out.writeInt8(time(row, col, opts, type.precision())));
      case TIMETZ ->
          nullOr((row, col, out) -> timetz(ClockValues.timetz(row, col, type.precision()), out));
      case INTERVAL ->
          nullOr(
              (row, col, out) ->
                  interval(IntervalValues.of(row, col, opts, type.precision()), out));
      case INET, CIDR ->
          nullOr(
              (row, col, out) -> {
                byte[] b = NetworkValues.inet(row, col, type.kind() == PgType.Kind.CIDR);
                out.writeBytes(b, 0, b.length);
              });
      case MACADDR ->
          nullOr((row, col, out) -> out.writeBytes(NetworkValues.macaddr(row, col), 0, 6));
      case ENUM -> enumLabel(type);
      case ARRAY -> ArrayValues.encoder(type, forType(type.element().orElseThrow(), opts));
      case JSON ->
          nullOr(
              (row, col, out) -> {
                byte[] b = JsonValues.of(row, col, false);
                out.writeBytes(b, 0, b.length);
              });
      case JSONB ->
          nullOr(
              (row, col, out) -> {
                byte[] b = JsonValues.of(row, col, true);
                out.writePrefixedBytes(JSONB_VERSION, b, 0, b.length);
              });
      case UUID -> nullOr((row, col, out) -> out.writeBytes(UuidValues.of(row, col), 0, 16));
    };
  }

  /** NULL is NULL in every type; {@code nonNull} sees only the other storage classes. */
  private static ValueEncoder nullOr(ValueEncoder nonNull) {
    return (row, col, out) -> {
      if (row.type(col) == SourceRow.NULL) {
        out.writeNull();
      } else {
        nonNull.encode(row, col, out);
      }
    };
  }

  private static void bigint(SourceRow row, int col, FieldSink out) throws ConversionException {
    int type = row.type(col);
    if (type == SourceRow.INTEGER) {
      out.writeInt8(row.getLong(col));
    } else if (type == SourceRow.NULL) {
      out.writeNull();
    } else {
      out.writeInt8(SourceValues.integer(row, col, Long.MIN_VALUE, Long.MAX_VALUE, "a bigint"));
    }
  }

  private static void float8(SourceRow row, int col, FieldSink out) throws ConversionException {
    int type = row.type(col);
    if (type == SourceRow.FLOAT) {
      out.writeFloat8(row.getDouble(col));
    } else if (type == SourceRow.NULL) {
      out.writeNull();
    } else {
      out.writeFloat8(SourceValues.float8(row, col));
    }
  }

  private static void text(SourceRow row, int col, FieldSink out) throws ConversionException {
    int type = row.type(col);
    if (type == SourceRow.NULL) {
      out.writeNull();
      return;
    }
    byte[] b = utf8(row, col, type, "text");
    out.writeBytes(b, 0, b.length);
  }

  /** The value as UTF-8 text: TEXT as stored, once checked; numbers as SQLite prints them. */
  private static byte[] utf8(SourceRow row, int col, int type, String target)
      throws ConversionException {
    byte[] b = type == SourceRow.TEXT ? row.getBytes(col) : SourceValues.textBytes(row, col);
    if (type == SourceRow.TEXT) {
      int bad = Utf8.firstInvalid(b);
      if (bad >= 0) {
        throw new ConversionException(Utf8.reason(b, bad, target));
      }
    }
    return b;
  }

  private static void bytea(SourceRow row, int col, FieldSink out) throws ConversionException {
    int type = row.type(col);
    if (type == SourceRow.NULL) {
      out.writeNull();
      return;
    }
    byte[] b = SourceValues.byteaBytes(row, col);
    out.writeBytes(b, 0, b.length);
  }

  private static ValueEncoder numeric(int[] typmod) {
    return nullOr(
        (row, col, out) -> {
          if (typmod == null
              || row.type(col) != SourceRow.FLOAT
              || !NumericFast.write(row.getDouble(col), typmod[0], typmod[1], out)) {
            NumericValues.write(NumericValues.of(row, col, typmod), out);
          }
        });
  }

  private static ValueEncoder timestamp(EncoderOptions opts, boolean zoned, int precision) {
    String target = zoned ? "timestamptz" : "timestamp";
    return nullOr(
        (row, col, out) -> {
          // In range: epoch numbers are checked, and text is limited to years 0001 to 9999.
          long micros = TimeSource.timestampMicros(row, col, opts, zoned);
          ClockValues.requirePrecision(micros, precision, row, col, target);
          out.writeInt8(micros - TimeValues.PG_EPOCH_MICROS);
        });
  }

  /** timetz_send: the time's microseconds, then its zone in seconds west of UTC. */
  private static void timetz(long[] t, FieldSink out) {
    byte[] b = new byte[12];
    putLong(b, 0, t[0]);
    putInt(b, 8, (int) t[1]);
    out.writeBytes(b, 0, 12);
  }

  /** interval_send: microseconds, days, months. */
  private static void interval(long[] v, FieldSink out) throws ConversionException {
    if (v[0] != (int) v[0] || v[1] != (int) v[1]) {
      throw new ConversionException(
          "an interval of " + v[0] + " months and " + v[1] + " days is out of range");
    }
    byte[] b = new byte[16];
    putLong(b, 0, v[2]);
    putInt(b, 8, (int) v[1]);
    putInt(b, 12, (int) v[0]);
    out.writeBytes(b, 0, 16);
  }

  private static void putLong(byte[] b, int p, long v) {
    putInt(b, p, (int) (v >>> 32));
    putInt(b, p + 4, (int) v);
  }

  private static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }

  /**
   * varchar(n) and char(n): a longer value is refused, never cut. PostgreSQL itself would cut one
   * whose extra characters are all spaces (varchar_input), silently; the count is of characters
   * (code points), as PostgreSQL counts them. char(n) values shorter than n are sent as they are:
   * PostgreSQL pads them.
   */
  private static ValueEncoder limitedText(int n, String sql) {
    return (row, col, out) -> {
      int type = row.type(col);
      if (type == SourceRow.NULL) {
        out.writeNull();
        return;
      }
      byte[] b = utf8(row, col, type, sql);
      int chars = 0;
      for (byte x : b) {
        chars += (x & 0xC0) != 0x80 ? 1 : 0;
      }
      if (chars > n) {
        throw new ConversionException(
            Describe.value(row, col)
                + " has "
                + chars
                + " characters, more than "
                + sql
                + " holds (it is not cut)");
      }
      out.writeBytes(b, 0, b.length);
    };
  }

  /**
   * A user-defined enum (SQLAlchemy's sa.Enum, Rails' enum types): the value must be one of the
   * labels, exactly (PostgreSQL compares labels case-sensitively); enum_send sends the label.
   */
  private static ValueEncoder enumLabel(PgType type) {
    byte[][] labels =
        type.labels().stream()
            .map(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toArray(byte[][]::new);
    return nullOr(
        (row, col, out) -> {
          if (row.type(col) != SourceRow.BLOB) {
            byte[] b = SourceValues.textBytes(row, col);
            for (byte[] l : labels) {
              if (java.util.Arrays.equals(l, b)) {
                out.writeBytes(l, 0, l.length);
                return;
              }
            }
          }
          throw new ConversionException(
              Describe.value(row, col)
                  + " is not a label of enum "
                  + type.sql()
                  + " ("
                  + Describe.labels(type.labels())
                  + ")");
        });
  }

  /** A time of day: HH:MM[:SS[.ffffff]], or a datetime on the framework's day (Rails). */
  private static long time(SourceRow row, int col, EncoderOptions opts, int precision)
      throws ConversionException {
    if (opts.datedFrom().isEmpty() || !DatedValues.dated(row, col)) {
      return ClockValues.time(row, col, precision);
    }
    long micros = DatedValues.timeOfDay(row, col, opts.datedFrom().get());
    ClockValues.requirePrecision(micros, precision, row, col, "time");
    return micros;
  }
}
