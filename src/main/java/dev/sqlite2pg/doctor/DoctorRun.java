package dev.sqlite2pg.doctor;

import dev.sqlite2pg.TargetConnector;
import dev.sqlite2pg.pg.TargetErrors;
import dev.sqlite2pg.pg.connect.ConnectionSpec;
import dev.sqlite2pg.sql.Identifiers;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One doctor run: what it was asked (target, schema, --jobs, --sync, the source), what the checks
 * learned so far (the address that answered, the session), and which stages are blocked by a
 * failure.
 */
public final class DoctorRun implements AutoCloseable {

  private final TargetConnector target;
  private final Optional<ConnectionSpec> spec;
  private final String schema;
  private final int jobs;
  private final boolean sync;
  private final Optional<SourceFacts> source;
  private final Map<Stage, String> blocked = new EnumMap<>(Stage.class);
  private InetSocketAddress reached;
  private Connection session;
  private String user;
  private String database;
  private List<TimeoutsCheck.Timeout> timeouts = List.of();

  DoctorRun(
      TargetConnector target,
      Optional<ConnectionSpec> spec,
      String schema,
      int jobs,
      boolean sync,
      Optional<SourceFacts> source) {
    this.target = target;
    this.spec = spec;
    this.schema = schema;
    this.jobs = jobs;
    this.sync = sync;
    this.source = source;
  }

  TargetConnector target() {
    return target;
  }

  /** The resolved target; empty for a library user's own TargetConnector. */
  Optional<ConnectionSpec> spec() {
    return spec;
  }

  String schema() {
    return schema;
  }

  int jobs() {
    return jobs;
  }

  boolean sync() {
    return sync;
  }

  Optional<SourceFacts> source() {
    return source;
  }

  /**
   * The connections a migration with --jobs N holds at its peak: the run lock's own connection
   * (pg.state.RunLock, for the whole run), N copy workers (copy.CopyScheduler), and up to N
   * post-data workers (pg.ddl.PostDataScheduler) building the indexes of tables already copied
   * while the others copy. Verify runs after both, on N.
   */
  int connectionsNeeded() {
    return 1 + 2 * jobs;
  }

  /** Why {@code stage} cannot be used, when an earlier check failed. */
  Optional<String> blocked(Stage stage) {
    return Optional.ofNullable(blocked.get(stage));
  }

  /** {@code stage} and every later one are out of reach: their checks will be skipped. */
  void block(Stage stage, String why) {
    for (Stage s : Stage.values()) {
      if (s.compareTo(stage) >= 0) {
        blocked.putIfAbsent(s, why);
      }
    }
  }

  void reached(InetSocketAddress address) {
    this.reached = address;
  }

  /** The address the TCP check connected to; empty before it ran. */
  Optional<InetSocketAddress> reached() {
    return Optional.ofNullable(reached);
  }

  void loggedIn(Connection c, String user, String database) {
    this.session = c;
    this.user = user;
    this.database = database;
  }

  void timeouts(List<TimeoutsCheck.Timeout> found) {
    this.timeouts = List.copyOf(found);
  }

  /** The timeouts the login gave the session, before the doctor lifted them for itself. */
  List<TimeoutsCheck.Timeout> timeouts() {
    return timeouts;
  }

  /** The database the session is in. */
  String database() {
    return database;
  }

  /** The session the login check opened (autocommit on). */
  Connection session() {
    return session;
  }

  /** The role the session runs as. */
  String user() {
    return user;
  }

  /** What TargetErrors's advice may name about this session. */
  TargetErrors.Session errorSession() {
    return new TargetErrors.Session(user, Map.of());
  }

  /** A name as a DBA would type it in the fixes: quoted only when it must be. */
  static String shown(String name) {
    return Identifiers.needsQuotes(name) ? Identifiers.quote(name) : name;
  }

  /** One row of a query with one text parameter, read by {@code reader}. */
  <T> T one(String sql, String parameter, RowReader<T> reader) throws SQLException {
    try (PreparedStatement ps = session.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setString(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return reader.read(rs);
      }
    }
  }

  /** Reads the values of the current row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @Override
  public void close() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException ignored) {
        // The checks are done; a session that will not close changes nothing they found.
      }
    }
  }
}
