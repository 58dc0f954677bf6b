package dev.sqlite2pg.pg;

import static dev.sqlite2pg.sql.Identifiers.quote;

import dev.sqlite2pg.sql.PgLiterals;

/**
 * One tenant's rows in tables that hold many ({@code migrate --merge}): the tenant column and this
 * tenant's value in it. A file of the fleet is copied into the merged tables with this value in the
 * column of every row (sent in the COPY), and verified against this tenant's rows only.
 */
public record TenantScope(String column, String value) {

  /** This tenant's rows of {@code qualifiedTable}, as a relation a query selects from. */
  public String relation(String qualifiedTable) {
    return "(SELECT * FROM "
        + qualifiedTable
        + " WHERE "
        + quote(column)
        + " = "
        + PgLiterals.string(value)
        + ") AS "
        + quote("tenant_rows");
  }

  /** Deletes this tenant's rows from {@code qualifiedTable}: a file loaded again starts clean. */
  public String delete(String qualifiedTable) {
    return "DELETE FROM "
        + qualifiedTable
        + " WHERE "
        + quote(column)
        + " = "
        + PgLiterals.string(value);
  }
}
