-- The SQLite fence at cut-over (../shared/design/zero-downtime.md, 3.7 step 4; M17): an
-- application write to a table sync followed fails once SQLite was cut over, with a message that
-- starts "sqlite2pg:" (SQLITE_CONSTRAINT_TRIGGER, extended code 1811). RAISE(ABORT) undoes the
-- statement; the application rolls back its transaction, switches to PostgreSQL and retries
-- there. Created in the cut-over's own write transaction, not at sync start: no lookup on every
-- application write during sync. The WHEN reads one row; rollback (issue 14) writes through it by
-- setting active to 0 inside its own transaction, which no other connection can observe.
CREATE TRIGGER {trigger} BEFORE {event} ON {table}
WHEN (SELECT active FROM sqlite2pg_fence) = 1
BEGIN SELECT RAISE(ABORT, {message}); END
