package dev.sqlite2pg.prepare;

import java.util.List;
import java.util.Optional;

/**
 * One idempotent step: a query that says whether it is already so, and the statement that makes it
 * so.
 *
 * @param what the object and its intended state, for the report ("role app_owner (LOGIN)")
 * @param inDatabase false for server-wide steps (roles, the database), true for those run connected
 *     to the new database (schema, grants)
 * @param check a query returning one boolean, true when nothing needs doing; its {@code ?} are
 *     {@code params}, in order
 * @param params the check's values (names as text, never spliced into the action)
 * @param action the statement, names quoted by {@code Identifiers.quote}
 * @param login the role whose password the action takes, when it creates a login role
 */
record Step(
    String what,
    boolean inDatabase,
    String check,
    List<String> params,
    String action,
    Optional<String> login) {

  Step {
    params = List.copyOf(params);
  }

  static Step server(String what, String check, List<String> params, String action) {
    return new Step(what, false, check, params, action, Optional.empty());
  }

  static Step database(String what, String check, List<String> params, String action) {
    return new Step(what, true, check, params, action, Optional.empty());
  }
}
