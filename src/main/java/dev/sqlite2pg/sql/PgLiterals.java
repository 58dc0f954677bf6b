package dev.sqlite2pg.sql;

import java.util.Locale;

/** Literal and name text for PostgreSQL (standard_conforming_strings on, the default since 9.1). */
public final class PgLiterals {

  private PgLiterals() {}

  /** A string literal; only the quote needs doubling when backslashes are not escapes. */
  public static String string(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A bytea literal from SQLite's X'..' hex digits. */
  public static String bytea(String hexDigits) {
    return "'\\x" + hexDigits.toLowerCase(Locale.ROOT) + "'::bytea";
  }

  /** SQLite's hexadecimal integers (0x1F) in decimal, which every PostgreSQL version reads. */
  public static String number(String sqliteNumber) {
    if (sqliteNumber.startsWith("0x") || sqliteNumber.startsWith("0X")) {
      // SQLite reads 0xFFFFFFFFFFFFFFFF as -1: hex literals are 64-bit two's complement.
      return Long.toString(Long.parseUnsignedLong(sqliteNumber.substring(2), 16));
    }
    return sqliteNumber;
  }
}
