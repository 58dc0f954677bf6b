package dev.sqlite2pg.verify;

import static dev.sqlite2pg.mapping.Identifiers.quote;

import dev.sqlite2pg.mapping.PgType;
import java.util.List;

/**
 * The canonical bytes of a row, computed inside PostgreSQL: each field as binary COPY has it
 * (a 4-byte length, then the type's own send function's output; -1 for NULL). These are the
 * bytes the copy sent, so {@link RowCanon} computes the same in Java from its encoded row with
 * no text formatting on either side.
 */
final class PgCanon {

  private PgCanon() {}

  /** The canonical bytes of one column, as a SQL expression of type bytea. */
  static String field(String column, PgType type) {
    String x = quote(column);
    String send = switch (type.kind()) {
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
    };
    return "coalesce(int4send(length(" + send + ")) || " + send + ", '\\xffffffff'::bytea)";
  }

  /** The canonical bytes of a whole row. */
  static String row(List<String> columns, List<PgType> types) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i > 0 ? " || " : "").append(field(columns.get(i), types.get(i)));
    }
    return sb.length() == 0 ? "''::bytea" : sb.toString();
  }

  /** count and the two halves of the rows' MD5s summed, for rows matching {@code where}. */
  static String fingerprintQuery(String table, String rowExpr, String where) {
    return "SELECT count(*), coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint), 0),"
        + " coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint), 0)"
        // OFFSET 0 keeps the planner from inlining h twice, which computed md5 twice per row.
        + " FROM (SELECT md5(" + rowExpr + ") AS h FROM " + table + where + " OFFSET 0) AS rows";
  }
}
