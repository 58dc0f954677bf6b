package dev.sqlite2pg.verify;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.convert.PgType;
import java.util.List;

/**
 * The canonical bytes of a row, computed inside PostgreSQL: each field as binary COPY has it (a
 * 4-byte length, then the type's own send function's output; -1 for NULL). These are the bytes the
 * copy sent, so {@link RowCanon} computes the same in Java from its encoded row with no text
 * formatting on either side.
 */
final class PgCanon {

  /** The seeds of the two 64-bit row hashes (both sides must use the same). */
  static final long SEED1 = 1;

  static final long SEED2 = 2;

  private PgCanon() {}

  /** The canonical bytes of one column, length first, as a SQL expression of type bytea. */
  static String field(String column, PgType type) {
    String send = send(column, type);
    return "coalesce(int4send(length(" + send + ")) || " + send + ", '\\xffffffff'::bytea)";
  }

  /** The column's value as its type's send function gives it (NULL stays NULL). */
  static String send(String column, PgType type) {
    String x = quote(column);
    String send =
        switch (type.kind()) {
          case SMALLINT -> "int2send(" + x + ")";
          case INTEGER -> "int4send(" + x + ")";
          case BIGINT -> "int8send(" + x + ")";
          case REAL -> "float4send(" + x + ")";
          case DOUBLE -> "float8send(" + x + ")";
          case NUMERIC -> "numeric_send(" + x + ")";
          case TEXT -> "textsend(" + x + "::text)";
          case JSON -> "json_send(" + x + ")";
          case JSONB -> "jsonb_send(" + x + ")";
          case BYTEA -> "byteasend(" + x + ")";
          case BOOLEAN -> "boolsend(" + x + ")";
          case DATE -> "date_send(" + x + ")";
          case TIMESTAMP -> "timestamp_send(" + x + ")";
          case TIMESTAMPTZ -> "timestamptz_send(" + x + ")";
          case UUID -> "uuid_send(" + x + ")";
          case BPCHAR -> "bpcharsend(" + x + ")";
          case TIME -> "time_send(" + x + ")";
          case TIMETZ -> "timetz_send(" + x + ")";
          case INTERVAL -> "interval_send(" + x + ")";
          case INET -> "inet_send(" + x + ")";
          case CIDR -> "cidr_send(" + x + ")";
          case MACADDR -> "macaddr_send(" + x + ")";
          case ENUM -> "enum_send(" + x + ")";
          case ARRAY -> "array_send(" + x + ")";
        };
    return send;
  }

  /** The row of its columns' send outputs, to be hashed by hash_record_extended(). */
  static String row(List<String> columns, List<PgType> types) {
    StringBuilder sb = new StringBuilder("ROW(");
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(hashed(columns.get(i), types.get(i)));
    }
    return sb.append(")").toString();
  }

  /**
   * A column as the row hash takes it: its send output, except where the type's own hash already
   * hashes exactly those bytes and the copy can be saved: bytea, and text under the "C" collation
   * (hashtextextended hashes the bytes for a deterministic collation).
   */
  private static String hashed(String column, PgType type) {
    return switch (type.kind()) {
      case TEXT -> quote(column) + "::text COLLATE \"C\"";
      case BYTEA -> quote(column);
      default -> send(column, type);
    };
  }

  /**
   * The two 64-bit hashes of a row, as SQL select items. hash_record_extended() folds its fields'
   * hashes linearly (two rows trading a column's values would keep the sum), so its result h is
   * hashed once more, twice: whole (hashint8extended folds it to 32 bits first) and its high half,
   * which together change whenever h does.
   */
  static String hashes(String row) {
    String h = "hash_record_extended(" + row + ", " + SEED1 + ")";
    return whole(h) + ", " + high(h);
  }

  private static String whole(String h) {
    return "hashint8extended(" + h + ", " + SEED1 + ")";
  }

  private static String high(String h) {
    return "hashint4extended((" + h + " >> 32)::int4, " + SEED2 + ")";
  }

  /** As {@link #fingerprintQuery}, one row per value of {@code group} (a merged fleet's tenant). */
  static String fingerprintsBy(String table, String group, String row) {
    return "SELECT g, count(*), sum("
        + whole("h")
        + "), sum("
        + high("h")
        + ") FROM "
        + hashed(group + " AS g, ", row, table, "")
        + " GROUP BY g";
  }

  /**
   * count and the two row hashes summed, for rows matching {@code where}. The row's hash is taken
   * once, below an OFFSET 0 fence; inlined into both sums it was computed twice.
   */
  static String fingerprintQuery(String table, String row, String where) {
    return "SELECT count(*), coalesce(sum("
        + whole("h")
        + "), 0), coalesce(sum("
        + high("h")
        + "), 0) FROM "
        + hashed("", row, table, where);
  }

  /** The rows of {@code table} with their hash {@code h} (and {@code also} before it). */
  private static String hashed(String also, String row, String table, String where) {
    return "(SELECT "
        + also
        + "hash_record_extended("
        + row
        + ", "
        + SEED1
        + ") AS h FROM "
        + table
        + where
        + " OFFSET 0) AS rows";
  }
}
