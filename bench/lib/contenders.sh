# The hand-written baselines, sourced by the `bash -c` that /usr/bin/time runs for each (so that
# its CPU and memory are the whole process tree's). Needs, exported: src, csvdir, sqldir, tables,
# psql_bin. Each loads into the empty database $1 with the same DDL: sqldir/postgres/schema.sql,
# then per table keys.TABLE.sql right after its COPY, then constraints.sql.
set -o pipefail
psql_() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }

# (b) The limit: the server reads the CSV files itself; tables in parallel, each keyed and
#     analyzed right after its COPY; then foreign keys and sequences.
load_limit() {
  local db=$1 t rc=0 pids=()
  psql_ -d "$db" -f "$sqldir/postgres/schema.sql" || return 1
  for t in $tables; do
    psql_ -d "$db" -c "COPY $t FROM '$csvdir/$t.csv' (FORMAT csv)" -f "$sqldir/postgres/keys.$t.sql" &
    pids+=($!)
  done
  for t in "${pids[@]}"; do wait "$t" || rc=1; done
  ((rc == 0)) && psql_ -d "$db" -f "$sqldir/postgres/constraints.sql" >/dev/null
}

# One table through the plain pipeline: sqlite3 -csv piped into psql's \copy, then its keys.
pipe_table() { # DB TABLE
  sqlite3 -bail -csv "$src" <"$sqldir/export/$2.sql" |
    psql_ -d "$1" -c "\\copy $2 FROM STDIN (FORMAT csv)" &&
    psql_ -d "$1" -f "$sqldir/postgres/keys.$2.sql"
}
# (c) The plain pipeline, one per table, all at once; then the constraints.
load_pipeline() {
  local db=$1 t rc=0 pids=()
  psql_ -d "$db" -f "$sqldir/postgres/schema.sql" || return 1
  for t in $tables; do
    pipe_table "$db" "$t" &
    pids+=($!)
  done
  for t in "${pids[@]}"; do wait "$t" || rc=1; done
  ((rc == 0)) && psql_ -d "$db" -f "$sqldir/postgres/constraints.sql" >/dev/null
}
# (c') The same pipeline, one table after another (what a shell script usually does).
load_pipeline_seq() {
  local db=$1 t
  psql_ -d "$db" -f "$sqldir/postgres/schema.sql" || return 1
  for t in $tables; do pipe_table "$db" "$t" || return 1; done
  psql_ -d "$db" -f "$sqldir/postgres/constraints.sql" >/dev/null
}
