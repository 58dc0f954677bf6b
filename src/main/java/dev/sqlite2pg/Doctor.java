package dev.sqlite2pg;

import dev.sqlite2pg.MigrationException.Code;
import dev.sqlite2pg.doctor.Checkup;
import dev.sqlite2pg.doctor.SourceFacts;
import dev.sqlite2pg.pg.connect.SpecConnector;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Is this PostgreSQL ready for a migration? Checks, in order, that the host resolves, the port
 * answers, TLS fits sslmode, the role logs in, and then the version, CREATE, sqlite2pg's state
 * schema, free disk, connection slots against --jobs, timeouts, a transaction pool in the way,
 * maintenance_work_mem and, for sync, TRIGGER and what logical decoding would need. Writes nothing:
 * what it tries (CREATE, the state schema, df on the server) is rolled back.
 *
 * <pre>{@code
 * DoctorReport r = Doctor.configure()
 *     .target(Targets.of("postgresql://app@db.example.com/app"))
 *     .source(Path.of("app.db"))
 *     .build()
 *     .examine();
 * }</pre>
 */
public final class Doctor {

  private final Options options;

  private Doctor(Options options) {
    this.options = options;
  }

  /** The builder's values, frozen by build(). */
  private record Options(
      TargetConnector target,
      boolean embedded,
      Path source,
      int jobs,
      String schema,
      boolean sync) {}

  public static Builder configure() {
    return new Builder();
  }

  /** Runs every check; a failing check is a FAIL in the report, never an exception. */
  public DoctorReport examine() {
    Optional<SourceFacts> source = Optional.ofNullable(options.source()).map(SourceFacts::read);
    TargetConnector target = options.target();
    return new DoctorReport(
        target.display(),
        options.embedded(),
        options.jobs(),
        Checkup.run(
            target,
            target instanceof SpecConnector s ? Optional.of(s.spec()) : Optional.empty(),
            options.schema(),
            options.jobs(),
            options.sync(),
            source));
  }

  /** What to examine, and against what. */
  public static final class Builder {
    private TargetConnector target;
    private boolean embedded;
    private Path source;
    private int jobs = Runtime.getRuntime().availableProcessors();
    private String schema = "public";
    private boolean sync;

    private Builder() {}

    public Builder target(TargetConnector target) {
      this.target = target;
      return this;
    }

    /** The target is the embedded server, started because nothing named one (said in reports). */
    public Builder embedded(boolean embedded) {
      this.embedded = embedded;
      return this;
    }

    /** The SQLite file to be migrated: its size for the disk check, its CHECKs for the version. */
    public Builder source(Path source) {
      this.source = source;
      return this;
    }

    /** The --jobs the migration will run with (default: the number of cores). */
    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    /** The schema the migration will load into (default public). */
    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    /** Also check what sync needs. */
    public Builder sync(boolean sync) {
      this.sync = sync;
      return this;
    }

    public Doctor build() {
      if (target == null) {
        throw new MigrationException(
            Code.BAD_ARGUMENTS,
            "No target to examine: pass a URL such as postgresql://user@host/db");
      }
      if (jobs < 1) {
        throw new MigrationException(Code.BAD_ARGUMENTS, "--jobs must be 1 or more, not " + jobs);
      }
      if (Objects.requireNonNullElse(schema, "").isEmpty()) {
        throw new MigrationException(Code.BAD_ARGUMENTS, "--schema must name a schema");
      }
      return new Doctor(new Options(target, embedded, source, jobs, schema, sync));
    }
  }
}
