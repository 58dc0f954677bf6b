/**
 * STEP 2: type rules, value probes, target names, the mapping file and --cast, and fitting a plan
 * to tables that already exist (TargetFit).
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.plan;
