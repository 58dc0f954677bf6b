package dev.sqlite2pg;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Preparation} creates on a server: a database, the migration role that owns it and its
 * schema, and optionally a least-privilege application role.
 *
 * @param database the database to create
 * @param owner the migration role: owns the database and the schema, runs {@code migrate}
 * @param appRole the application's role: CONNECT, USAGE on the schema, SELECT, INSERT, UPDATE and
 *     DELETE on its tables, USAGE and SELECT on its sequences, now and for the owner's future ones
 * @param schema the schema the tables go to ({@code migrate --schema}; default {@code public})
 * @param passwords asked once for each role that is created, never for one that exists
 */
public record PrepareOptions(
    String database, String owner, Optional<String> appRole, String schema, Passwords passwords) {

  /** Where a new role's password comes from; the array is wiped after it is hashed. */
  @FunctionalInterface
  public interface Passwords {
    /** The password of {@code role}, or null to create it without one. */
    char[] forRole(String role);

    /** Roles are created without a password (e.g. for {@code --print}, or trusted logins). */
    Passwords NONE = role -> null;
  }

  public PrepareOptions {
    requireName(database, "--database");
    requireName(owner, "--owner");
    Objects.requireNonNull(appRole, "No application role provided");
    appRole.ifPresent(r -> requireName(r, "--app-role"));
    requireName(schema, "--schema");
    Objects.requireNonNull(passwords, "No password source provided");
    if (appRole.isPresent() && appRole.get().equals(owner)) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS,
          "--app-role must differ from --owner: the application's role must not own the tables"
              + " it uses (it could drop them); name another role");
    }
  }

  private static void requireName(String name, String option) {
    if (name == null || name.isBlank()) {
      throw new MigrationException(
          MigrationException.Code.BAD_ARGUMENTS, option + " needs a name, e.g. " + option + " app");
    }
  }
}
