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
      case TEXT -> Encoders::text;
      case BYTEA -> Encoders::bytea;
      case BOOLEAN -> nullOr((row, col, out) -> out.writeBoolean(SourceValues.bool(row, col)));
      case DATE ->
          nullOr(
              (row, col, out) ->
                  out.writeInt4((int) (TimeSource.dateDays(row, col) - TimeValues.PG_EPOCH_DAYS)));
      case TIMESTAMP -> timestamp(opts, false);
      case TIMESTAMPTZ -> timestamp(opts, true);
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
    byte[] b = type == SourceRow.TEXT ? row.getBytes(col) : SourceValues.textBytes(row, col);
    if (type == SourceRow.TEXT) {
      int bad = Utf8.firstInvalid(b);
      if (bad >= 0) {
        throw new ConversionException(Utf8.reason(b, bad, "text"));
      }
    }
    out.writeBytes(b, 0, b.length);
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

  private static ValueEncoder timestamp(EncoderOptions opts, boolean zoned) {
    return nullOr(
        (row, col, out) -> {
          // In range: epoch numbers are checked, and text is limited to years 0001 to 9999.
          out.writeInt8(
              TimeSource.timestampMicros(row, col, opts, zoned) - TimeValues.PG_EPOCH_MICROS);
        });
  }
}
