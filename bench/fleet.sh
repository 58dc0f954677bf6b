#!/usr/bin/env bash
# Many files (issue 15 "Targets"): a fleet of FILES tenant files of ROWS rows each merged with
# --merge, against ONE file holding the same total rows, both through bin/sqlite2pg into the same
# PostgreSQL (Debian's 15, the scenarios' settings: fsync off), alternating, ROUNDS rounds; prints
# each run's wall time and peak RSS, then the medians and the ratio fleet / one file (target <= 3x),
# and the per-file overhead. Also the 10-file fleet, to show memory flat in the number of files.
#
#   bench/fleet.sh                          1,000 files x 2,000 rows, 3 rounds (about 15 minutes)
#   BENCH_FLEET_FILES=200 BENCH_FLEET_ROUNDS=1 bench/fleet.sh      quick
#
# Environment: BENCH_FLEET_FILES (1000), BENCH_FLEET_ROWS (2000), BENCH_FLEET_ROUNDS (3),
# BENCH_FLEET_JOBS (2). Files go to bench/work/fleet/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
files="${BENCH_FLEET_FILES:-1000}" rows="${BENCH_FLEET_ROWS:-2000}"
rounds="${BENCH_FLEET_ROUNDS:-3}" jobs="${BENCH_FLEET_JOBS:-2}"
work="bench/work/fleet"
mkdir -p "$work"
[ -f target/sqlite2pg.jar ] || ./mvnw -q package -DskipTests
. scenarios/lib/pg.sh
pg_start
trap pg_stop EXIT
if [ ! -f "$work/fleet-$files-$rows/ok" ]; then
  rm -rf "$work/fleet-$files-$rows" "$work/one-$files-$rows" "$work/small-$rows"
  /usr/bin/python3 bench/lib/fleet.py "$work/fleet-$files-$rows" "$files" "$rows"
  /usr/bin/python3 bench/lib/fleet.py "$work/one-$files-$rows" "$files" "$rows" --one all.db
  /usr/bin/python3 bench/lib/fleet.py "$work/small-$rows" 10 "$rows"
  touch "$work/fleet-$files-$rows/ok"
fi
db=0
run() { # label, args...: prints "label seconds peak_kb"
  local label="$1"; shift
  db=$((db + 1))
  psql -qX -h 127.0.0.1 -p "$PGPORT" -U postgres -c "CREATE DATABASE b$db" >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/time" bin/sqlite2pg migrate "$@" -j "$jobs" \
    "$(pg_url b$db)" >"$work/$label.out" 2>"$work/$label.err" || {
    echo "$label failed:"; tail -5 "$work/$label.out" "$work/$label.err"; exit 1; }
  echo "$label $(cat "$work/time")"
  psql -qX -h 127.0.0.1 -p "$PGPORT" -U postgres -c "DROP DATABASE b$db" >/dev/null
}
echo "# $files files x $rows rows, --jobs $jobs, $rounds rounds, $(nproc) cores, PostgreSQL 15 fsync=off"
for r in $(seq 1 "$rounds"); do
  run one "$work/one-$files-$rows/all.db"
  run fleet "$work/fleet-$files-$rows" --merge --tenant-column tenant_id
  run small "$work/small-$rows" --merge --tenant-column tenant_id
done | tee "$work/results.txt"
/usr/bin/python3 - "$work/results.txt" "$files" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    if line.startswith("#"):
        continue
    label, secs, kb = line.split()
    runs.setdefault(label, []).append((float(secs), int(kb)))
med = {k: (statistics.median(s for s, _ in v), statistics.median(m for _, m in v)) for k, v in runs.items()}
files = int(sys.argv[2])
one, fleet, small = med["one"], med["fleet"], med["small"]
print(f"median one file:   {one[0]:.1f} s, peak RSS {one[1] / 1024:.0f} MB")
print(f"median fleet:      {fleet[0]:.1f} s, peak RSS {fleet[1] / 1024:.0f} MB")
print(f"median 10 files:   {small[0]:.1f} s, peak RSS {small[1] / 1024:.0f} MB")
print(f"fleet / one file:  {fleet[0] / one[0]:.2f}x (target <= 3x)")
print(f"per-file overhead: {(fleet[0] - one[0]) / files * 1000:.0f} ms of wall time per file")
PY
