/**
 * {@code sqlite2pg assess}: what a migration of one database needs a person for, object by object,
 * from the plan, the stored values and the translations (issue 16); the measured time estimate and
 * the trial of translated views and defaults on a server.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.assess;
