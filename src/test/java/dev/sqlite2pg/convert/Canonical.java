package dev.sqlite2pg.convert;

import dev.sqlite2pg.sqlite.SourceRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The encoders' test oracle (verification itself uses verify.RowCanon and verify.PgCanon): a string
 * for a source value and one for a target value that are equal exactly when the target is a
 * faithful conversion of the source. The source side uses the same rules as the encoders (what a
 * value means); the target side reads what PostgreSQL actually holds through JDBC, so a wrong
 * binary encoding shows up as a difference.
 *
 * <p>NULL is {@code \N}; text-like canonicals escape backslashes, so no value equals it.
 */
public final class Canonical {

  public static final String NULL = "\\N";

  private Canonical() {}

  /** The canonical form of what {@code type} should hold for this source value. */
  public static String ofSource(SourceRow row, int col, PgType type, EncoderOptions opts)
      throws ConversionException {
    if (row.type(col) == SourceRow.NULL) {
      return NULL;
    }
    return switch (type.kind()) {
      case SMALLINT ->
          Long.toString(
              SourceValues.integer(row, col, Short.MIN_VALUE, Short.MAX_VALUE, "a smallint"));
      case INTEGER ->
          Long.toString(
              SourceValues.integer(row, col, Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer"));
      case BIGINT ->
          Long.toString(SourceValues.integer(row, col, Long.MIN_VALUE, Long.MAX_VALUE, "a bigint"));
      case REAL -> ofDouble(SourceValues.float4(row, col));
      case DOUBLE -> ofDouble(SourceValues.float8(row, col));
      case NUMERIC ->
          NumericValues.canonical(NumericValues.of(row, col, NumericValues.typmod(type.sql())));
      case TEXT -> escape(utf8(SourceValues.textBytes(row, col)));
      case BYTEA -> Describe.hex(SourceValues.byteaBytes(row, col));
      case BOOLEAN -> SourceValues.bool(row, col) ? "t" : "f";
      case DATE -> Long.toString(TimeSource.dateDays(row, col));
      case TIMESTAMP -> Long.toString(TimeSource.timestampMicros(row, col, opts, false));
      case TIMESTAMPTZ -> Long.toString(TimeSource.timestampMicros(row, col, opts, true));
      case JSON -> escape(utf8(JsonValues.of(row, col, false)));
      case JSONB -> escape(JsonValues.canonicalJsonb(utf8(JsonValues.of(row, col, true))));
      case UUID -> UuidValues.format(UuidValues.of(row, col));
      // The types added for existing tables are checked against PostgreSQL's own text output
      // in TargetTypesTest, not through this oracle.
      default -> throw new UnsupportedOperationException("no oracle for " + type.sql());
    };
  }

  /**
   * The canonical form of column {@code col} (1-based) of the current row of {@code rs}, read as
   * {@code type}. Independent of the JVM's and the session's time zone.
   */
  public static String ofTarget(ResultSet rs, int col, PgType type) throws SQLException {
    String s =
        switch (type.kind()) {
          case SMALLINT, INTEGER, BIGINT -> {
            long v = rs.getLong(col);
            yield rs.wasNull() ? null : Long.toString(v);
          }
          case REAL -> {
            float v = rs.getFloat(col);
            yield rs.wasNull() ? null : ofDouble(v);
          }
          case DOUBLE -> {
            double v = rs.getDouble(col);
            yield rs.wasNull() ? null : ofDouble(v);
          }
          case NUMERIC -> numeric(rs.getString(col));
          case TEXT, JSON -> escape(rs.getString(col));
          case BYTEA -> {
            byte[] b = rs.getBytes(col);
            yield b == null ? null : Describe.hex(b);
          }
          case BOOLEAN -> {
            boolean v = rs.getBoolean(col);
            yield rs.wasNull() ? null : v ? "t" : "f";
          }
          case DATE -> {
            LocalDate d = rs.getObject(col, LocalDate.class);
            yield d == null ? null : Long.toString(d.toEpochDay());
          }
          case TIMESTAMP -> {
            LocalDateTime t = rs.getObject(col, LocalDateTime.class);
            yield t == null
                ? null
                : Long.toString(micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano()));
          }
          case TIMESTAMPTZ -> {
            OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
            yield t == null ? null : Long.toString(micros(t.toEpochSecond(), t.getNano()));
          }
          case JSONB -> {
            String j = rs.getString(col);
            yield j == null ? null : escape(JsonValues.canonicalJsonb(j));
          }
          case UUID -> {
            String u = rs.getString(col);
            yield u == null ? null : u.toLowerCase(Locale.ROOT);
          }
          default -> throw new UnsupportedOperationException("no oracle for " + type.sql());
        };
    return s == null ? NULL : s;
  }

  /**
   * Exact and total for doubles: hex floating point keeps every bit and the sign of zero. All NaNs
   * are one value, as PostgreSQL treats them (its text output cannot carry a payload).
   */
  static String ofDouble(double d) {
    return Double.toHexString(d);
  }

  private static String numeric(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case NumericValues.NAN, NumericValues.INFINITY, NumericValues.NEG_INFINITY -> s;
      default -> NumericValues.canonical(new BigDecimal(s));
    };
  }

  private static long micros(long epochSecond, int nano) {
    return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nano / 1000);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Doubles backslashes so that no text, however odd, reads as {@link #NULL}. */
  private static String escape(String s) {
    return s == null ? null : s.replace("\\", "\\\\");
  }
}
