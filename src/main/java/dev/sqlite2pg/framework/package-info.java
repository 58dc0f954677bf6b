/**
 * Application frameworks recognised by their bookkeeping tables (Django, Rails, Alembic, Prisma,
 * Laravel): which tables record the migrations applied (compared by migration, not by row), which
 * tables the migrations seeded with rows other rows reference, and the storage conventions each
 * framework uses on SQLite.
 *
 * <p>Internal: no compatibility promise. Library users need only the root package, {@code
 * dev.sqlite2pg}.
 */
package dev.sqlite2pg.framework;
