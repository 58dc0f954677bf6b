package dev.sqlite2pg.verify;

import static dev.sqlite2pg.mapping.Identifiers.quote;

import dev.sqlite2pg.mapping.PgType;
import java.util.List;

/**
 * The canonical text of a value, computed inside PostgreSQL: the same bytes {@link RowCanon}
 * computes in Java from what the copy sends. Every field is non-NULL ('N' stands for NULL) and
 * self-delimiting (texts carry their byte length), so fields joined by '|' are unambiguous.
 */
final class PgCanon {

  private PgCanon() {}

  /** The canonical text of one column, as a SQL expression. */
  static String field(String column, PgType type) {
    String x = quote(column);
    String e = switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT, UUID -> x + "::text";
      case REAL -> "encode(float4send(" + x + "), 'hex')";
      case DOUBLE -> "encode(float8send(" + x + "), 'hex')";
      case NUMERIC -> "trim_scale(" + x + ")::text";
      case TEXT -> "octet_length(" + x + ")::text || ':' || " + x;
      case JSON, JSONB -> "octet_length(" + x + "::text)::text || ':' || " + x + "::text";
      case BYTEA -> "encode(" + x + ", 'hex')";
      case BOOLEAN -> "CASE WHEN " + x + " THEN 't' ELSE 'f' END";
      case DATE -> "(" + x + " - DATE '1970-01-01')::text";
      case TIMESTAMP, TIMESTAMPTZ -> "CASE WHEN isfinite(" + x + ") THEN (extract(epoch FROM "
          + x + ") * 1000000)::bigint::text ELSE " + x + "::text END";
    };
    return "coalesce(" + e + ", 'N')";
  }

  /** The canonical text of a whole row. */
  static String row(List<String> columns, List<PgType> types) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sb.append(" || '|' || ");
      }
      sb.append(field(columns.get(i), types.get(i)));
    }
    return sb.length() == 0 ? "''" : sb.toString();
  }

  /** count and the two halves of the rows' MD5s summed, for rows matching {@code where}. */
  static String fingerprintQuery(String table, String rowExpr, String where) {
    return "SELECT count(*), coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint), 0),"
        + " coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint), 0)"
        + " FROM (SELECT md5(" + rowExpr + ") AS h FROM " + table + where + ") AS rows";
  }
}
