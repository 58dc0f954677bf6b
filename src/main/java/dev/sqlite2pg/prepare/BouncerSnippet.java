package dev.sqlite2pg.prepare;

import dev.sqlite2pg.PrepareOptions;
import java.util.Locale;

/**
 * A PgBouncer configuration for the application's side of the new database. sqlite2pg itself must
 * not go through a pooler in transaction mode: its run lock is a session advisory lock and its COPY
 * and cut-over need the session they started on.
 */
public final class BouncerSnippet {

  private BouncerSnippet() {}

  /**
   * @param host the server as PgBouncer should reach it
   * @param port its port
   */
  public static String render(PrepareOptions o, String host, int port) {
    String app = o.appRole().orElse(o.owner());
    return String.format(
        Locale.ROOT,
        """
        PgBouncer for the application (pgbouncer.ini):

        [databases]
        %1$s = host=%2$s port=%3$d dbname=%1$s

        [pgbouncer]
        listen_port = 6432
        auth_type = scram-sha-256
        auth_file = /etc/pgbouncer/userlist.txt
        pool_mode = transaction

        userlist.txt holds one line per role, "%4$s" "SCRAM-SHA-256$...", the verifier a superuser
        reads with SELECT rolpassword FROM pg_authid WHERE rolname = '%4$s' (or set auth_user and
        auth_query so that PgBouncer asks the server instead of a file).
        pool_mode = transaction shares a server connection between transactions: the application
        must not keep session state (SET, LISTEN, advisory locks, temporary tables, WITH HOLD
        cursors; prepared statements need PgBouncer 1.21+ and max_prepared_statements). If it
        does, use pool_mode = session.
        The application connects to postgresql://%4$s@PGBOUNCER_HOST:6432/%1$s.
        sqlite2pg itself connects directly (%2$s:%3$d, as %5$s), not through PgBouncer:
        its run lock is a session advisory lock, and COPY needs a session of its own.
        """,
        o.database(),
        host,
        port,
        app,
        o.owner());
  }
}
