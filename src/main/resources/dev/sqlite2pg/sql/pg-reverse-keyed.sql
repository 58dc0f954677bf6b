-- Reverse capture of one table with a key (design 3.8, R1): one function per table, so that its
-- statements name the key columns and PL/pgSQL caches their plans. It is attached by three
-- statement-level triggers, one per event (PostgreSQL refuses transition tables on a trigger for
-- several events, M21), and each records the keys its statement wrote, read from the transition
-- tables: one change per row for INSERT and DELETE (a key is unique in the statement), the
-- distinct old and new keys for UPDATE (an UPDATE may change the key, and then both matter). A
-- statement that changed nothing records nothing. Forward sync's apply session sets
-- sqlite2pg.applying: what it writes came from SQLite and is not recorded.
-- Filled in by sync.ReverseCapture: function (reverse_ and the table's number), n (its number), new
-- and old (the key columns of the new and old transition tables).
CREATE OR REPLACE FUNCTION sqlite2pg.{function}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_setting('sqlite2pg.applying', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO sqlite2pg.changes (tbl, op, key)
      SELECT {n}, 'I', jsonb_build_array({new}) FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO sqlite2pg.changes (tbl, op, key)
      SELECT {n}, 'D', jsonb_build_array({old}) FROM old_rows o;
  ELSE
    INSERT INTO sqlite2pg.changes (tbl, op, key)
      SELECT {n}, 'U', k FROM (
        SELECT jsonb_build_array({old}) FROM old_rows o
        UNION
        SELECT jsonb_build_array({new}) FROM new_rows n) u (k);
  END IF;
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION sqlite2pg.{function}() FROM PUBLIC;
