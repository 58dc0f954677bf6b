package dev.sqlite2pg.convert.reverse;

import dev.sqlite2pg.convert.EncoderOptions;
import dev.sqlite2pg.convert.PgType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * One column's PostgreSQL values back into the SQLite values the application would have written:
 * Long, Double, String, byte[] or null, for {@code PreparedStatement.setObject} on a sqlite-jdbc
 * connection. The storage classes of the column's {@link ColumnShape} are tried in order; the first
 * that holds the value so that the copy reads it back the same wins. A value none holds is refused
 * with a {@link ReverseException} naming the column and the value.
 *
 * <p>Reads what pgjdbc's {@code getString} returns (the session has TimeZone UTC, DateStyle ISO,
 * extra_float_digits 3) or, for bytea, {@code getBytes}.
 */
public final class ReverseValue {

  private final String column;
  private final ColumnShape shape;
  private final List<Storage> numbersFirst;
  private final SameValue same;

  public ReverseValue(String column, ColumnShape shape) {
    this.column = column;
    this.shape = shape;
    List<Storage> order = new ArrayList<>(shape.preference());
    order.sort(Comparator.comparingInt(s -> s == Storage.INTEGER || s == Storage.REAL ? 0 : 1));
    this.numbersFirst = List.copyOf(order);
    this.same = new SameValue(shape);
  }

  /**
   * The reverse of one column of a SQLite table, its shape learned from the column's newest {@value
   * ColumnSample#DEFAULT_SIZE} non-null values: what rollback calls once per column, with the
   * plan's {@code ColumnPlan.type()} and {@code options()}. The error names {@code table.column}.
   */
  public static ReverseValue forColumn(
      Connection sqlite, String table, String column, PgType type, EncoderOptions options)
      throws SQLException {
    List<Object> sample = ColumnSample.read(sqlite, table, column, ColumnSample.DEFAULT_SIZE);
    return new ReverseValue(table + "." + column, ColumnShape.of(type, options, sample));
  }

  public ColumnShape shape() {
    return shape;
  }

  /** Column {@code col} of the current row, read with getBytes for bytea, getString otherwise. */
  public Object read(ResultSet rs, int col) throws SQLException, ReverseException {
    return shape.type().kind() == PgType.Kind.BYTEA
        ? fromBytes(rs.getBytes(col))
        : fromText(rs.getString(col));
  }

  /** The SQLite value for PostgreSQL's text {@code pg} (null for NULL). */
  public Object fromText(String pg) throws ReverseException {
    if (pg == null) {
      return null;
    }
    if (shape.type().kind() == PgType.Kind.BYTEA) {
      if (!pg.startsWith("\\x")) {
        throw new ReverseException(column, pg, "is not bytea in hex output");
      }
      return fromBytes(HexFormat.of().parseHex(pg, 2, pg.length()));
    }
    String reason = null;
    for (Storage s : order()) {
      try {
        Object v = as(s, pg);
        if (v != null) {
          return v;
        }
      } catch (Unfit e) {
        reason = reason == null ? e.getMessage() : reason;
      } catch (NumberFormatException e) {
        reason =
            reason == null ? "is not a " + shape.type().sql() + " as PostgreSQL prints it" : reason;
      }
    }
    throw new ReverseException(column, pg, reason != null ? reason : noForm());
  }

  /**
   * As {@link #fromText(String)}, but keeps {@code current}, the row's value in SQLite now, when it
   * means the same to PostgreSQL: a value the application did not change on PostgreSQL then keeps
   * its exact text (a jsonb document its key order, a time its original offset). Rollback reads the
   * touched rows' SQLite values for this; null when the row is new.
   */
  public Object fromText(String pg, Object current) throws ReverseException {
    Object v = fromText(pg);
    return current != null && v != null && same.test(current, v) ? current : v;
  }

  /** As {@link #fromBytes(byte[])}, keeping {@code current} when it means the same. */
  public Object fromBytes(byte[] pg, Object current) throws ReverseException {
    Object v = fromBytes(pg);
    return current != null && v != null && same.test(current, v) ? current : v;
  }

  /** As {@link #read(ResultSet, int)}, keeping {@code current} when it means the same. */
  public Object read(ResultSet rs, int col, Object current) throws SQLException, ReverseException {
    return shape.type().kind() == PgType.Kind.BYTEA
        ? fromBytes(rs.getBytes(col), current)
        : fromText(rs.getString(col), current);
  }

  /** The SQLite value for bytea {@code pg} (null for NULL). */
  public Object fromBytes(byte[] pg) throws ReverseException {
    if (pg == null) {
      return null;
    }
    for (Storage s : shape.preference()) {
      Object v =
          switch (s) {
            case BLOB -> pg;
            case TEXT -> utf8(pg);
            case INTEGER, REAL -> {
              String t = utf8(pg);
              yield t == null ? null : Numbers.text(s, t);
            }
          };
      if (v != null) {
        return v;
      }
    }
    throw new ReverseException(column, "\\x" + HexFormat.of().formatHex(pg), noForm());
  }

  /** The shape's preference; numbers first where the column keeps its numbers apart from texts. */
  private List<Storage> order() {
    if (!shape.numbersApart()) {
      return shape.preference();
    }
    return switch (shape.type().kind()) {
      case TEXT, BPCHAR, ENUM, JSON, JSONB -> numbersFirst;
      default -> shape.preference();
    };
  }

  private Object as(Storage s, String t) throws Unfit {
    return switch (shape.type().kind()) {
      case SMALLINT, INTEGER, BIGINT -> Numbers.integer(s, t);
      case REAL -> Numbers.float4(s, t, shape.floatBits());
      case DOUBLE -> Numbers.float8(s, t);
      case NUMERIC -> Numbers.numeric(s, t, shape.trimmedDecimals());
      case TEXT, ENUM -> Numbers.text(s, t);
      case INET, CIDR, MACADDR ->
          s == Storage.TEXT
              ? shape.addresses().write(t, shape.type().kind() == PgType.Kind.MACADDR)
              : Numbers.text(s, t);
      case BPCHAR -> Numbers.text(s, shape.padded() ? t : t.stripTrailing());
      case BOOLEAN -> bool(s, t);
      case DATE, TIMESTAMP, TIMESTAMPTZ -> Times.point(s, t, shape);
      case TIME, TIMETZ -> Times.clock(s, t, shape);
      case INTERVAL -> Times.interval(s, t, shape);
      case JSON -> json(s, t);
      case JSONB -> jsonb(s, t);
      case UUID ->
          s == Storage.TEXT ? shape.uuids().write(t) : HexFormat.of().parseHex(t.replace("-", ""));
      case BYTEA -> null; // fromBytes
      case ARRAY ->
          s == Storage.TEXT
              ? ArrayText.write(t, shape.type().element().orElseThrow(), shape.json())
              : null;
    };
  }

  private Object bool(Storage s, String t) {
    boolean v = t.equals("t");
    return switch (s) {
      case INTEGER -> v ? 1L : 0L;
      case REAL -> v ? 1.0 : 0.0;
      case TEXT -> v ? shape.bools().yes() : shape.bools().no();
      case BLOB -> null;
    };
  }

  /** json keeps its text exactly; numbers came from INTEGER or REAL as Java prints them. */
  private static Object json(Storage s, String t) {
    return switch (s) {
      case TEXT -> t;
      case BLOB -> t.getBytes(StandardCharsets.UTF_8);
      case INTEGER -> Numbers.canonicalLong(t);
      case REAL -> {
        try {
          double d = Double.parseDouble(t);
          yield Double.toString(d).equals(t) ? d : null;
        } catch (NumberFormatException e) {
          yield null;
        }
      }
    };
  }

  /**
   * jsonb prints its own normal form: keys ordered by length then bytes, one space after ',' and
   * ':'. The layout goes back as the column wrote it; the key order of the original text does not
   * survive jsonb (the document is equal, its text may not be).
   */
  private Object jsonb(Storage s, String t) {
    return switch (s) {
      case TEXT -> shape.json().write(t);
      case BLOB -> shape.json().write(t).getBytes(StandardCharsets.UTF_8);
      case INTEGER -> Numbers.canonicalLong(t);
      case REAL -> {
        try {
          double d = Double.parseDouble(t);
          yield Double.isFinite(d)
                  && new java.math.BigDecimal(Double.toString(d)).toPlainString().equals(t)
              ? d
              : null;
        } catch (NumberFormatException e) {
          yield null;
        }
      }
    };
  }

  /** The bytes as text when they are valid UTF-8 without NUL (what the copy accepts), else null. */
  private static String utf8(byte[] b) {
    return dev.sqlite2pg.convert.Utf8.firstInvalid(b) < 0
        ? new String(b, StandardCharsets.UTF_8)
        : null;
  }

  private String noForm() {
    return "has no exact form among the column's storage classes "
        + shape.preference()
        + " for "
        + shape.type().sql();
  }
}
