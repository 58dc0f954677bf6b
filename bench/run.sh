#!/usr/bin/env bash
# The migration benchmark: sqlite2pg against the COPY limit, a sqlite3 | psql pipeline and
# pgloader, on one synthetic database, one throwaway PostgreSQL, alternating in one session.
#
#   bench/run.sh [ROWS]        ROWS over the 4 tables, default 5000000 (about 900 MB)
#
# Environment: BENCH_REPEAT=k (run every contender k times, report the median; default 1),
# BENCH_CHECK=0 (skip the untimed `sqlite2pg verify` of the baselines' targets),
# BENCH_FLAT=0 (skip the memory comparison with a migration of ROWS/10),
# BENCH_NO_BUILD=1 (use target/sqlite2pg.jar as it is), BENCH_WORK=DIR (default bench/work),
# PG_BIN=DIR (default /usr/lib/postgresql/15/bin), BENCH_PGLOADER_WITH (default
# 'prefetch rows = 10000'; empty for pgloader's defaults). See bench/README.md.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench")
work=${BENCH_WORK:-$bench/work}
rows=${1:-${BENCH_ROWS:-5000000}}
repeat=${BENCH_REPEAT:-1}
check=${BENCH_CHECK:-1}
# Debian's pgloader is built with a fixed 1 GB Lisp heap (its SBCL runtime options are saved,
# so --dynamic-space-size cannot be passed): with its default 'prefetch rows = 100000' it dies
# with "Heap exhausted, game over." at 5,000,000 rows of this data. Fewer prefetched rows is
# the usual way out.
pgloader_with=${BENCH_PGLOADER_WITH-prefetch rows = 10000}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
tables="accounts orders order_items events"
# One server, the same settings for every contender. Durability is off (a throwaway server:
# we measure the loaders, not the disk's flush latency); autovacuum is off so that no
# contender pays for another's leftovers; every contender ANALYZEs its own tables.
pg_settings=(
  "shared_buffers = 512MB"
  "maintenance_work_mem = 512MB"
  "max_wal_size = 4GB"
  "checkpoint_timeout = 30min"
  "fsync = off"
  "synchronous_commit = off"
  "full_page_writes = off"
  "autovacuum = off"
)

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

[[ $rows =~ ^[0-9]+$ ]] && ((rows >= 1000)) || die "ROWS must be a whole number >= 1000, got '$rows'"
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive whole number, got '$repeat'"
mkdir -p "$work/logs" "$work/pgloader"
logs=$work/logs

# ---------------------------------------------------------------------------------------------
# 0. Tools: Debian packages when missing (as root), then the sqlite2pg jar.
is_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  is_root || return 1
  say "installing Debian package(s) $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$logs/apt.log" 2>&1 ||
    { apt-get update -q >>"$logs/apt.log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$logs/apt.log" 2>&1; }
}
command -v sqlite3 >/dev/null || apt_install sqlite3 || die "sqlite3 is missing (apt-get install sqlite3)"
[ -x /usr/bin/time ] || apt_install time || die "/usr/bin/time is missing (apt-get install time)"
if [ ! -x "$pg_bin/initdb" ]; then
  apt_install postgresql || die "PostgreSQL is missing (apt-get install postgresql)"
  [ -x "$pg_bin/initdb" ] || pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[ -x "$pg_bin/initdb" ] || die "no initdb in $pg_bin: set PG_BIN"
psql_bin=$pg_bin/psql
if command -v pgloader >/dev/null || apt_install pgloader; then have_pgloader=1; else
  have_pgloader=0; say "pgloader could not be installed: contender (d) is skipped"
fi
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  say "building target/sqlite2pg.jar"
  (cd "$repo" && ./mvnw -q -DskipTests -DbuildDir=target package) >"$logs/build.log" 2>&1 ||
    die "the build failed; see $logs/build.log"
fi
[ -f "$repo/target/sqlite2pg.jar" ] || die "no $repo/target/sqlite2pg.jar: build with ./mvnw -q -DskipTests package"
sqlite2pg=$repo/bin/sqlite2pg

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
if is_root; then
  id postgres >/dev/null 2>&1 || die "no postgres user (it comes with Debian's postgresql package)"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# ---------------------------------------------------------------------------------------------
# 1. Data: the source database and its CSV export (for the limit), reused while ROWS and the
#    generator are the same.
gen_id=$(sha256sum "$bench/sql/generate.sql" | cut -c1-8)
src=$work/source-$rows-$gen_id.db
csvdir=$work/csv-$rows-$gen_id
if [ ! -f "$src" ]; then
  say "generating $src ($rows rows)"
  rm -f "$src.tmp"
  sqlite3 -bail -cmd ".parameter set @n $rows" "$src.tmp" <"$bench/sql/generate.sql" >/dev/null
  mv "$src.tmp" "$src"
fi
if [ ! -d "$csvdir" ]; then
  say "exporting CSV to $csvdir (not timed)"
  rm -rf "$csvdir.tmp" && mkdir -p "$csvdir.tmp"
  for t in $tables; do sqlite3 -bail -csv "$src" <"$bench/sql/export/$t.sql" >"$csvdir.tmp/$t.csv"; done
  mv "$csvdir.tmp" "$csvdir"
fi
chmod -R a+rX "$csvdir"
as_pg test -r "$csvdir/accounts.csv" ||
  die "the server's user cannot read $csvdir (a parent directory is private?): set BENCH_WORK to a directory it can reach"
src_bytes=$(stat -c %s "$src")
src_rows=$(sqlite3 "$src" "SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM orders)
                               + (SELECT count(*) FROM order_items) + (SELECT count(*) FROM events)")

# ---------------------------------------------------------------------------------------------
# 2. The throwaway PostgreSQL: fresh data directory, loopback only, stopped on exit.
pgdir=$work/pg
stop_pg() {
  if [ -f "$pgdir/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
trap stop_pg EXIT
trap 'exit 130' INT TERM
stop_pg  # a server left by an interrupted run
rm -rf "$pgdir" && mkdir -p "$pgdir"
is_root && chown postgres: "$pgdir"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=55432
until port_free "$port"; do port=$((port + 1)); done
as_pg "$pg_bin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$logs/initdb.log" 2>&1 || die "initdb failed; see $logs/initdb.log"
{ printf '%s\n' "listen_addresses = '127.0.0.1'" "port = $port" "unix_socket_directories = ''"
  printf '%s\n' "${pg_settings[@]}"; } | as_pg tee -a "$pgdir/data/postgresql.conf" >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 120 start >/dev/null ||
  die "PostgreSQL did not start; see $pgdir/server.log"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGSSLMODE=disable
psql_() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }
pg_version=$(psql_ -d postgres -Atc 'SHOW server_version')
target() { echo "postgresql://postgres@127.0.0.1:$port/$1?sslmode=disable"; }

# ---------------------------------------------------------------------------------------------
# 3. The contenders. Each loads into a fresh database; everything timed runs under
#    /usr/bin/time: wall seconds and the peak RSS of the largest client process it started.

# (b) The limit: the server reads the CSV files itself; tables in parallel, each keyed and
#     analyzed right after its COPY; then foreign keys and sequences.
load_limit() {
  local db=$1 t rc=0 pids=()
  psql_ -d "$db" -f "$bench/sql/postgres/schema.sql" || return 1
  for t in $tables; do
    psql_ -d "$db" -c "COPY $t FROM '$csvdir/$t.csv' (FORMAT csv)" -f "$bench/sql/postgres/keys.$t.sql" &
    pids+=($!)
  done
  for t in "${pids[@]}"; do wait "$t" || rc=1; done
  ((rc == 0)) && psql_ -d "$db" -f "$bench/sql/postgres/constraints.sql" >/dev/null
}
# (c) The plain pipeline: sqlite3 -csv piped into psql's \copy, tables in parallel, the same DDL.
load_pipeline() {
  local db=$1 t rc=0 pids=()
  psql_ -d "$db" -f "$bench/sql/postgres/schema.sql" || return 1
  for t in $tables; do
    { sqlite3 -bail -csv "$src" <"$bench/sql/export/$t.sql" |
        psql_ -d "$db" -c "\\copy $t FROM STDIN (FORMAT csv)" &&
        psql_ -d "$db" -f "$bench/sql/postgres/keys.$t.sql"; } &
    pids+=($!)
  done
  for t in "${pids[@]}"; do wait "$t" || rc=1; done
  ((rc == 0)) && psql_ -d "$db" -f "$bench/sql/postgres/constraints.sql" >/dev/null
}
export -f load_limit load_pipeline psql_
export bench src csvdir tables psql_bin

# measure KEY LOG COMMAND...: appends "KEY exit wall_s peak_kb" to the times file. Every line
# of output is logged with the seconds since the start, so sqlite2pg's "STEP n" lines show
# where its time goes.
times=$logs/times.txt
: >"$times"
stamp() {
  local t0=${EPOCHREALTIME/[.,]/} line now
  while IFS= read -r line; do
    now=${EPOCHREALTIME/[.,]/}
    printf '%4d.%03d %s\n' $(((now - t0) / 1000000)) $(((now - t0) % 1000000 / 1000)) "$line"
  done
}
measure() {
  local key=$1 log=$2 rc=0; shift 2
  { /usr/bin/time -f '%e %M' -o "$logs/time.out" "$@" 2>&1 || rc=$?; echo "(exit $rc)"; } | stamp >"$log"
  rc=$(tail -n 1 "$log" | sed 's/.*(exit \([0-9]*\))$/\1/')
  echo "$key $rc $(tail -n 1 "$logs/time.out")" >>"$times"
  return 0
}
# The seconds between sqlite2pg's STEP lines of one log, e.g. "start 0.4, 1 catalog 0.1, ...".
steps_of() {
  awk 'BEGIN {split("catalog plan schema copy post-data verify report", names, " ")}
       {t = $1} / STEP [0-9]:/ {s = $0; sub(/.* STEP /, "", s); n = substr(s, 1, 1); name = n " " names[n];
         if (prev != "") out = out sprintf("%s %.1f, ", prev, t - pt); else out = sprintf("start %.1f, ", t);
         prev = name; pt = t}
       END {if (prev != "") printf "%s%s %.1f", out, prev, t - pt}' "$1"
}
loaded_rows() {
  psql_ -d "$1" -Atc "SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM orders)
                           + (SELECT count(*) FROM order_items) + (SELECT count(*) FROM events)" 2>/dev/null || echo "?"
}
# Untimed: the tool's own verify as the oracle that a baseline loaded the same values. Where
# they differ, verify bisects key ranges to find the rows, which takes long on a big table:
# it gets BENCH_CHECK_SECONDS.
check_limit=${BENCH_CHECK_SECONDS:-300}
check_same() { # KEY-ROUND DB
  local rc=0
  if [ "$check" != 1 ] || [ "${1##*-}" != 1 ]; then echo "-"; return; fi  # first round only
  if [ "$(awk -v k="${1%-*}" '$1 == k {rc = $2} END {print rc}' "$times")" != 0 ]; then echo "-"; return; fi
  timeout "$check_limit" "$sqlite2pg" verify "$src" "$(target "$2")" -q >"$logs/check-$1.log" 2>&1 || rc=$?
  case $rc in
    0) echo "equal" ;;
    6) echo "differs (logs/check-$1.log)" ;;
    124) echo "unknown: verify stopped after $check_limit s" ;;
    *) echo "verify failed (exit $rc)" ;;
  esac
}
fresh_db() {
  psql_ -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" -c "CHECKPOINT"
}
run_contender() { # KEY ROUND
  local key=$1 r=$2 db="bench_$1_$2"
  fresh_db "$db"
  say "round $r: $key"
  case $key in
    migrate)
      measure migrate "$logs/migrate-$r.log" "$sqlite2pg" migrate "$src" "$(target "$db")" --drop --no-verify
      echo "migrate $(loaded_rows "$db")" >>"$logs/rows.txt"
      psql_ -d postgres -c CHECKPOINT
      say "round $r: verify"
      measure verify "$logs/verify-$r.log" "$sqlite2pg" verify "$src" "$(target "$db")"
      echo "verify $(loaded_rows "$db")" >>"$logs/rows.txt" ;;
    limit)
      measure limit "$logs/limit-$r.log" bash -c 'set -o pipefail; load_limit "$1"' _ "$db"
      echo "limit $(loaded_rows "$db")" >>"$logs/rows.txt"
      echo "limit $(check_same "limit-$r" "$db")" >>"$logs/same.txt" ;;
    pipeline)
      measure pipeline "$logs/pipeline-$r.log" bash -c 'set -o pipefail; load_pipeline "$1"' _ "$db"
      echo "pipeline $(loaded_rows "$db")" >>"$logs/rows.txt"
      echo "pipeline $(check_same "pipeline-$r" "$db")" >>"$logs/same.txt" ;;
    pgloader)
      measure pgloader "$logs/pgloader-$r.log" pgloader --root-dir "$work/pgloader" \
        ${pgloader_with:+--with "$pgloader_with"} "sqlite://$src" "postgresql://postgres@127.0.0.1:$port/$db"
      echo "pgloader $(loaded_rows "$db")" >>"$logs/rows.txt"
      echo "pgloader $(check_same "pgloader-$r" "$db")" >>"$logs/same.txt" ;;
  esac
  psql_ -d postgres -c "DROP DATABASE $db" -c CHECKPOINT
}

contenders=(migrate limit pipeline)
((have_pgloader)) && contenders+=(pgloader)
: >"$logs/rows.txt"; : >"$logs/same.txt"
say "PostgreSQL $pg_version on 127.0.0.1:$port; $src_rows rows, $((src_bytes / 1048576)) MB; $repeat round(s)"
for ((r = 1; r <= repeat; r++)); do
  # Alternate, and rotate who goes first, so that no contender always follows the same one.
  n=${#contenders[@]}
  for ((i = 0; i < n; i++)); do run_contender "${contenders[(i + r - 1) % n]}" "$r"; done
done

# Flat memory: the same migration of a tenth of the rows, once, for its peak RSS only (the issue:
# ten times the rows may need at most 1.2 times the memory). BENCH_FLAT=0 skips it.
tenth=$((rows / 10))
if [ "${BENCH_FLAT:-1}" = 1 ] && ((tenth >= 1000)); then
  small=$work/source-$tenth-$gen_id.db
  if [ ! -f "$small" ]; then
    say "generating $small ($tenth rows, for the memory comparison)"
    sqlite3 -bail -cmd ".parameter set @n $tenth" "$small.tmp" <"$bench/sql/generate.sql" >/dev/null
    mv "$small.tmp" "$small"
  fi
  fresh_db bench_tenth
  say "memory: migrate of $tenth rows"
  measure migrate-tenth "$logs/migrate-tenth.log" "$sqlite2pg" migrate "$small" "$(target bench_tenth)" --drop --no-verify
  psql_ -d postgres -c "DROP DATABASE bench_tenth" -c CHECKPOINT
fi

# ---------------------------------------------------------------------------------------------
# 4. The table: medians over the rounds, peak RSS the largest seen.
range_wall() { awk -v k="$1" '$1 == k && $2 == 0 {if (n++ == 0 || $3 < lo) lo = $3; if ($3 > hi) hi = $3}
  END {if (n > 1) printf "%.1f-%.1f", lo, hi; else if (n) printf "%.1f", lo}' "$times"; }
median_wall() { awk -v k="$1" '$1 == k && $2 == 0 {print $3}' "$times" | sort -g |
  awk '{a[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
peak_mb() { awk -v k="$1" '$1 == k {if ($4 > m) m = $4} END {if (m) printf "%.0f", m / 1024}' "$times"; }
failures() { awk -v k="$1" '$1 == k && $2 != 0 {printf "%s exit %s; ", k, $2}' "$times"; }
last_of() { awk -v k="$1" '$1 == k && $2 != "-" {v = ""; for (i = 2; i <= NF; i++) v = v (i > 2 ? " " : "") $i} END {print v}' "$2"; }
src_mb=$(awk -v b="$src_bytes" 'BEGIN {printf "%.1f", b / 1048576}')

declare -A label=(
  [migrate]="(a) sqlite2pg migrate --no-verify"
  [verify]="(a') sqlite2pg verify"
  [limit]="(b) limit: server COPY FROM csv file, 4 tables parallel"
  [pipeline]="(c) sqlite3 -csv \\| psql \\copy, 4 tables parallel"
  [pgloader]="(d) pgloader $(dpkg-query -W -f '${Version}' pgloader 2>/dev/null || pgloader --version 2>/dev/null | head -n 1)${pgloader_with:+, $pgloader_with}"
)
declare -A wall
row() { # KEY
  local k=$1 w f
  w=$(median_wall "$k"); f=$(failures "$k")
  wall[$k]=$w
  if [ -z "$w" ]; then
    printf '| %s | failed: %s | | | | | | |\n' "${label[$k]}" "${f:-not run}"
  else
    awk -v l="${label[$k]}" -v w="$w" -v range="$(range_wall "$k")" -v n="$src_rows" -v mb="$src_mb" -v rss="$(peak_mb "$k")" \
        -v loaded="$(last_of "$k" "$logs/rows.txt")" -v same="$(last_of "$k" "$logs/same.txt")" -v f="$f" \
      'BEGIN {printf "| %s | %.2f | %s | %.0f | %.1f | %s | %s | %s%s |\n", l, w, range, n / w, mb / w, rss, loaded, (same == "" ? "-" : same), (f == "" ? "" : " (" f ")")}'
  fi
}
ratio() { # LABEL NUM DEN TARGET
  if [ -z "$2" ] || [ -z "$3" ]; then printf '| %s | n/a | <= %sx | - |\n' "$1" "$4"; return; fi
  awk -v l="$1" -v a="$2" -v b="$3" -v t="$4" \
    'BEGIN {r = a / b; printf "| %s | %.2fx | <= %sx | %s |\n", l, r, t, (r <= t ? "met" : "MISSED")}'
}
memory() { # LABEL KEY
  local m; m=$(peak_mb "$2")
  if [ -z "$m" ]; then printf '| %s | n/a | <= 384 MB | - |\n' "$1"; return; fi
  printf '| %s | %s MB | <= 384 MB | %s |\n' "$1" "$m" "$( ((m <= 384)) && echo met || echo MISSED)"
}
{
  echo "## sqlite2pg benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- source: $src_rows rows in 4 tables, $src_mb MB ($(basename "$src"))"
  echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo) RAM; sqlite2pg $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src pom.xml || echo '+changes'), java $(java -version 2>&1 | head -n 1 | sed 's/.*version "\(.*\)".*/\1/'), sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
  echo "- PostgreSQL $pg_version on loopback: $(printf '%s, ' "${pg_settings[@]}" | sed 's/ = /=/g; s/, $//')"
  echo "- $repeat round(s), contenders alternating; wall s is the median; peak RSS is the largest client process (not the server)"
  echo "- same data: untimed \`sqlite2pg verify\` of that contender's target (pgloader creates REAL columns as 4-byte real and DATETIME as timestamptz; verify compares values by meaning, so that is equal when each value reads back the same)"
  echo
  echo "| contender | wall s | min-max s | rows/s | MB/s | peak RSS MB | rows loaded | same data (sqlite2pg verify) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
  row migrate
  row verify
  row limit
  row pipeline
  if ((have_pgloader)); then row pgloader; else echo "| (d) pgloader | skipped: not installable | | | | | | |"; fi
  echo
  echo "| ratio | measured | target | |"
  echo "|---|---:|---:|---|"
  ratio "migrate / limit (b)" "${wall[migrate]}" "${wall[limit]}" 1.3
  ratio "migrate / plain pipeline (c)" "${wall[migrate]}" "${wall[pipeline]}" 0.8
  ratio "migrate / pgloader (d)" "${wall[migrate]}" "${wall[pgloader]:-}" 0.3
  ratio "verify / migrate" "${wall[verify]}" "${wall[migrate]}" 0.5
  memory "migrate peak RSS" migrate
  memory "verify peak RSS" verify
  if [ -n "$(peak_mb migrate-tenth)" ] && [ -n "$(peak_mb migrate)" ]; then
    ratio "migrate peak RSS, $rows rows / $tenth rows ($(peak_mb migrate) / $(peak_mb migrate-tenth) MB)" \
      "$(peak_mb migrate)" "$(peak_mb migrate-tenth)" 1.2
  fi
  echo
  echo "Where migrate's time went (seconds from sqlite2pg's STEP lines):"
  echo
  for ((r = 1; r <= repeat; r++)); do
    [ -f "$logs/migrate-$r.log" ] && echo "- round $r: $(steps_of "$logs/migrate-$r.log")"
  done
} | tee "$work/results.md"
say "table written to $work/results.md; logs in $logs"
