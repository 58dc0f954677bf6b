package dev.sqlite2pg.pg;

import dev.sqlite2pg.MigrationException;
import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.TargetConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a PostgreSQL failure into one line: what the server said, its SQLSTATE, and what to do
 * about it. The advice is chosen by SQLSTATE (the server's words depend on its lc_messages; the
 * code does not), and made concrete with the user and settings of the session when they can be
 * learned.
 */
public final class TargetErrors {

  /**
   * What the advice can name: the role the tool logs in as, and the session defaults of the
   * settings that cancel statements or cap temporary files (as "name=value", e.g.
   * "statement_timeout=1ms"). Unknown facts are absent; the advice then names the setting alone.
   */
  public record Session(String user, Map<String, String> settings) {
    public static final Session UNKNOWN = new Session(null, Map.of());

    public Session {
      settings = Map.copyOf(settings);
    }

    String setting(String name) {
      String value = settings.get(name);
      return value == null ? name : name + "=" + value;
    }

    String role() {
      return user == null ? "the user sqlite2pg connects as" : "user " + user;
    }

    String roleName() {
      return user == null ? "CURRENT_USER" : user;
    }
  }

  private TargetErrors() {}

  /**
   * A PostgreSQL failure as the library's exception, exit code 5: "{what was being done} failed:
   * {server's message} (SQLSTATE xxxxx): {what to do}", the driver's exception kept as the cause
   * (shown with -v). Every SQLException of the target becomes a MigrationException here or through
   * {@link #explain}.
   */
  public static MigrationException translate(String doing, SQLException e, TargetConnector target) {
    return new MigrationException(Code.TARGET, doing + " failed: " + explain(e, target), e);
  }

  /**
   * {@link #explain(SQLException, Session)}, first asking the target for the user and settings when
   * the advice needs them (a new connection: the failed one may be unusable).
   */
  public static String explain(SQLException e, TargetConnector target) {
    return explain(e, needsSession(state(e)) && target != null ? probe(target) : Session.UNKNOWN);
  }

  /** One line: "{server's message} (SQLSTATE xxxxx): {what to do}". */
  public static String explain(SQLException e, Session session) {
    return cause(e) + ": " + advise(e, session);
  }

  /** The first half of {@link #explain}: "{server's message} (SQLSTATE xxxxx)". */
  public static String cause(SQLException e) {
    String state = state(e);
    return serverSaid(e) + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
  }

  /** The second half of {@link #explain}: what to do (for doctor, which prints them apart). */
  public static String advise(SQLException e, Session session) {
    return advice(state(e), serverSaid(e), session == null ? Session.UNKNOWN : session, e);
  }

  private static String advice(String state, String said, Session s, SQLException e) {
    String lower = said.toLowerCase(Locale.ROOT);
    switch (state) {
      case "42501" -> {
        return privilege(lower, said, s);
      }
      case "42P07" -> {
        return "pass --drop to replace the existing table, or --schema to load elsewhere";
      }
      case "3F000" -> {
        return "check --schema, or create the schema first";
      }
      case "53100" -> {
        return "PostgreSQL ran out of disk space; free space on the server's disk (the load"
            + " needs about the SQLite file's size, more for indexes), then re-run";
      }
      case "53400" -> {
        if (lower.contains("temp_file_limit")) {
          return "PostgreSQL ran out of disk space allowed for temporary files ("
              + s.setting("temp_file_limit")
              + "); raise it for "
              + s.role()
              + " (ALTER ROLE "
              + s.roleName()
              + " SET temp_file_limit = -1) or free space,"
              + " then re-run";
        }
        return "a server limit was reached; raise the setting it names, then re-run";
      }
      case "53200" -> {
        return "PostgreSQL ran out of memory; pass a lower --jobs, or lower the server's"
            + " work_mem and maintenance_work_mem";
      }
      case "53300" -> {
        return "every connection slot is taken; sqlite2pg opens one connection per --jobs"
            + " worker, so pass a lower --jobs, or raise the role's CONNECTION LIMIT or the"
            + " server's max_connections";
      }
      case "57014" -> {
        if (lower.contains("statement timeout")) {
          return "statement timeout ("
              + s.setting("statement_timeout")
              + ") cancelled it;"
              + " raise it for this role or database (ALTER ROLE "
              + s.roleName()
              + " SET statement_timeout = 0), then re-run";
        }
        return "another session or an administrator cancelled it (pg_cancel_backend);"
            + " re-run when that is no longer done";
      }
      case "55P03" -> {
        return "another session holds a lock on the table ("
            + s.setting("lock_timeout")
            + "); end that session (see pg_locks) or raise lock_timeout, then re-run";
      }
      case "25P03" -> {
        return "the server closed an idle transaction; raise idle_in_transaction_session_timeout"
            + " for "
            + s.role()
            + ", then re-run";
      }
      case "40P01", "40001" -> {
        return "another session changed the same tables at the same time; keep other"
            + " sessions off the target schema during the migration, then re-run";
      }
      case "57P01", "57P02" -> {
        return "the server was shut down during the run; start it, then re-run";
      }
      case "57P03" -> {
        return "the server is not accepting connections yet; wait until it has started, then"
            + " re-run";
      }
      case "3D000" -> {
        return "create the database first (createdb), or name an existing one in the target";
      }
      case "28P01" -> {
        // The server says the same for a role that does not exist, so as not to tell which.
        return "the password is wrong (or there is no such role): correct the user name or the"
            + " password in the URL, PGPASSWORD or ~/.pgpass";
      }
      case "28000" -> {
        return login(lower);
      }
      default -> {
        if (state.startsWith("08")) {
          return "the connection to PostgreSQL failed or was lost; check that the server is"
              + " running and reachable, then re-run";
        }
        if (state.startsWith("53")) {
          return "the server ran out of a resource; free it, then re-run";
        }
        return "see the PostgreSQL server log for details; re-run with -v for the full error";
      }
    }
  }

  /** 28000: a pg_hba.conf line refused the login, or the role may not log in. */
  private static String login(String lower) {
    if (lower.contains("no pg_hba.conf entry")) {
      return "the server's pg_hba.conf has no line that lets this user in from this host to this"
          + " database: add one (host DATABASE USER CLIENT-ADDRESS/32 scram-sha-256) and reload"
          + " (SELECT pg_reload_conf()), or use sslmode=require if only hostssl lines allow it";
    }
    if (lower.contains("pg_hba.conf rejects")) {
      return "a reject line of the server's pg_hba.conf matches this host, user and database:"
          + " change it, or connect as another user";
    }
    return "check the user name and password (in the URL, PGPASSWORD or ~/.pgpass) and the"
        + " server's pg_hba.conf";
  }

  private static String privilege(String lower, String said, Session s) {
    String object = objectName(said);
    if (lower.contains("for schema")) {
      return "grant CREATE on the schema to "
          + s.role()
          + " (GRANT CREATE ON SCHEMA "
          + object
          + " TO "
          + s.roleName()
          + "), or pass --schema naming a schema it owns";
    }
    if (lower.contains("for database")) {
      return "grant CREATE on the database to "
          + s.role()
          + " (GRANT CREATE ON DATABASE "
          + object
          + " TO "
          + s.roleName()
          + "), or have its owner run the migration";
    }
    if (lower.contains("must be owner")) {
      return "run the migration as the owner of "
          + object
          + ", or pass --schema to load"
          + " elsewhere";
    }
    return "grant "
        + s.role()
        + " the privilege on "
        + object
        + ", or run the migration as"
        + " its owner";
  }

  /** The last word of "permission denied for schema public": the object's name. */
  private static String objectName(String said) {
    String last = said.substring(said.lastIndexOf(' ') + 1).replace("\"", "");
    return last.isEmpty() ? "it" : last;
  }

  private static boolean needsSession(String state) {
    return switch (state) {
      case "42501", "53400", "57014", "55P03", "25P03" -> true;
      default -> false;
    };
  }

  static String state(SQLException e) {
    return e.getSQLState() == null ? "" : e.getSQLState();
  }

  /** The server's primary message, without pgjdbc's "ERROR: " prefix and "Position" lines. */
  static String serverSaid(SQLException e) {
    if (e instanceof PSQLException pe) {
      ServerErrorMessage m = pe.getServerErrorMessage();
      if (m != null && m.getMessage() != null) {
        return m.getMessage();
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    for (String prefix : new String[] {"ERROR: ", "FATAL: "}) {
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
      }
    }
    return message.isEmpty() ? e.getClass().getSimpleName() : message;
  }

  /**
   * The user and the session defaults of the settings that advice names. Best effort: a target that
   * cannot be asked gives {@link Session#UNKNOWN}. statement_timeout is switched off for this one
   * query, since it may be what failed; reset_val is the value before that SET, i.e. what the
   * role's and database's settings give every session.
   */
  public static Session probe(TargetConnector target) {
    try (Connection c = target.open();
        Statement s = c.createStatement()) {
      s.execute("SET statement_timeout = 0");
      Map<String, String> settings = new TreeMap<>();
      String user = null;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT current_user, name, reset_val"
                  + " || coalesce(unit, '') FROM pg_settings WHERE name IN ('statement_timeout',"
                  + " 'lock_timeout', 'temp_file_limit', 'idle_in_transaction_session_timeout')")) {
        while (rs.next()) {
          user = rs.getString(1);
          settings.put(rs.getString(2), rs.getString(3));
        }
      }
      return new Session(user, settings);
    } catch (SQLException | RuntimeException e) {
      return Session.UNKNOWN;
    }
  }
}
