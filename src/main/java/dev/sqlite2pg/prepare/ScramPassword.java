package dev.sqlite2pg.prepare;

import dev.sqlite2pg.sql.PgLiterals;
import java.util.Arrays;
import org.postgresql.util.PasswordUtil;

/**
 * A role's password as the server stores it, computed here: {@code PASSWORD
 * 'SCRAM-SHA-256$4096:...'}. The server takes a SCRAM verifier as it is, so the clear text never
 * crosses the wire nor reaches the server's log (log_statement = 'ddl' logs CREATE ROLE whole).
 */
final class ScramPassword {

  private ScramPassword() {}

  /** The PASSWORD clause for {@code password}, which is wiped. */
  static String clause(char[] password) {
    try {
      return " PASSWORD " + PgLiterals.string(PasswordUtil.encodeScramSha256(password));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
