# Sourced by each scenario's run script: step bookkeeping and the one sqlite2pg call.
. "$(dirname "${BASH_SOURCE[0]}")/pg.sh"   # pg_url, PG_BIN
# step NAME CMD...   runs CMD with its output in $W/NAME.log; prints PASS/FAIL with the last
#                    line the command printed as the reason (the whole log on failure).
step() {
  local name="$1"; shift
  local log="$W/$name.log"
  "$@" >"$log" 2>&1
  local rc=$?
  # the reason: sqlite2pg's verdict line when the step ran it, else the last line printed
  local reason; reason="$( (grep -E '^(sqlite2pg: error|NOT COMPLETE|OK:)' "$log" || grep -v '^\s*$' "$log") | tail -1 | cut -c1-300)"
  if [ $rc -eq 0 ]; then
    echo "PASS $SCENARIO $name: ${reason:-ok}"
  else
    echo "FAIL $SCENARIO $name: exit $rc: ${reason:-no output}"
    echo "---- $log"; sed 's/^/| /' "$log" | head -${STEP_LOG_LINES:-80}; echo "----"
  fi
  return $rc
}

# sqlite2pg_data_only SQLITE URL: exactly one `migrate --data-only`, full output and exit code in
# the step's log (SCENARIO_EXTRA_ARGS is for experiments only and is named in the log).
sqlite2pg_data_only() {
  [ -n "${SCENARIO_EXTRA_ARGS:-}" ] && echo "SCENARIO_EXTRA_ARGS (experiment, not CI): $SCENARIO_EXTRA_ARGS"
  # shellcheck disable=SC2086
  # from the work dir: sqlite2pg writes its reject files to ./sqlite2pg-rejects
  (cd "$W" && "$SQLITE2PG" migrate "$1" "$2" --data-only ${SCENARIO_EXTRA_ARGS:-})
  local rc=$?
  echo "sqlite2pg exit code: $rc"
  return $rc
}

createdb_fresh() { "$PG_BIN/dropdb" --if-exists "$1" && "$PG_BIN/createdb" -T template0 -E UTF8 "$1"; }
