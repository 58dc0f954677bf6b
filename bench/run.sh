#!/usr/bin/env bash
# The migration benchmark: sqlite2pg against the COPY limit, sqlite3 | psql pipelines and
# pgloader, on one synthetic database, one throwaway PostgreSQL, alternating in one session.
#
#   bench/run.sh [ROWS]        ROWS over the 4 tables, default 5000000 (about 900 MB)
#   bench/run.sh [--durable] [--cold] [--busy] [--one-table] [--rows N] [ROWS]
#                              profiles, combinable (bench/run.sh --help; bench/README.md)
#
# Environment: BENCH_REPEAT=k (run every contender k times, report the median; default 1),
# BENCH_CHECK=0 (skip the untimed `sqlite2pg verify` of the baselines' targets),
# BENCH_CHECK_SECONDS=N (its time limit, default 300), BENCH_FLAT=0 (skip the migrations at
# other sizes, for flat memory: ROWS/10 once; with --rows, ROWS/100 and ROWS/10 every round),
# BENCH_FLAT_ROWS="N1 N2" (those sizes), BENCH_NO_BUILD=1 (use target/sqlite2pg.jar as it is),
# BENCH_WORK=DIR (default bench/work), PG_BIN=DIR (default /usr/lib/postgresql/15/bin),
# BENCH_PGLOADER_WITH (default 'prefetch rows = 10000'; empty for pgloader's defaults),
# BENCH_BUSY_MAX_SECONDS (--busy: the spinning process's own time limit, default 14400),
# BENCH_SPACE_CHECK=0 (skip the free-space check). See bench/README.md.
set -euo pipefail

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$bench")
work=${BENCH_WORK:-$bench/work}
repeat=${BENCH_REPEAT:-1}
check=${BENCH_CHECK:-1}
busy_max=${BENCH_BUSY_MAX_SECONDS:-14400}
# Debian's pgloader is built with a fixed 1 GB Lisp heap (its SBCL runtime options are saved,
# so --dynamic-space-size cannot be passed): with its default 'prefetch rows = 100000' it dies
# with "Heap exhausted, game over." at 5,000,000 rows of this data. Fewer prefetched rows is
# the usual way out.
pgloader_with=${BENCH_PGLOADER_WITH-prefetch rows = 10000}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

. "$bench/lib/profile.sh"
parse_args "$@"
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
command -v pgrep >/dev/null || apt_install procps || die "pgrep is missing (apt-get install procps)"
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
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3) || die "python3 is missing (apt-get install python3)"

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
if is_root; then
  id postgres >/dev/null 2>&1 || die "no postgres user (it comes with Debian's postgresql package)"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# ---------------------------------------------------------------------------------------------
# 1. Data: the source database and its CSV export (for the limit), reused while ROWS and the
#    generator are the same; the sources of the flat-memory sizes.
gen_id=$(sha256sum "$sqldir/generate.sql" | cut -c1-8)
source_of() { echo "$work/$src_prefix$1-$gen_id.db"; }
generate() { # ROWS [why]
  local f; f=$(source_of "$1")
  [ -f "$f" ] && return 0
  say "generating $f ($1 rows${2:+, $2})"
  rm -f "$f.tmp"
  sqlite3 -bail -cmd ".parameter set @n $1" "$f.tmp" <"$sqldir/generate.sql" >/dev/null
  mv "$f.tmp" "$f"
}
if ((rows_profile)); then flat_rows=${BENCH_FLAT_ROWS:-$((rows / 100)) $((rows / 10))}; else flat_rows=${BENCH_FLAT_ROWS:-$((rows / 10))}; fi
[ "${BENCH_FLAT:-1}" = 1 ] || flat_rows=
flat_sizes=()
for n in $flat_rows; do
  [[ $n =~ ^[0-9]+$ ]] || die "BENCH_FLAT_ROWS must hold whole numbers, got '$n'"
  ((n >= 1000)) && flat_sizes+=("$n")
done

src=$(source_of "$rows")
csvdir=$work/csv-${src_prefix#source-}$rows-$gen_id
# Free space, before hours of work: the source, its CSV, one loaded target at a time, sqlite2pg's
# snapshot of the source (a copy in the temporary directory, counted here as if on the same file
# system) and the WAL (max_wal_size 4 GB, or 1 GB with --durable, and more while checkpoints
# lag). As measured at 400,000 rows: 171 bytes per source row (144 with --one-table), the CSV
# 1.2 times the source, a loaded target 1.45 times.
if [ "${BENCH_SPACE_CHECK:-1}" = 1 ]; then
  per_row=$( ((one_table)) && echo 144 || echo 171)
  est=$((rows * per_row))
  need=$((est * 47 / 10 + 5 * 1024 ** 3))
  [ -f "$src" ] && need=$((need - est))
  [ -d "$csvdir" ] && need=$((need - est * 12 / 10))
  for n in "${flat_sizes[@]}"; do [ -f "$(source_of "$n")" ] || need=$((need + n * per_row)); done
  free=$(($(df -Pk "$work" | awk 'NR == 2 {print $4}') * 1024))
  ((free >= need)) || die "about $((need / 1024 ** 3)) GB free needed in $work, $((free / 1024 ** 3)) GB there (BENCH_WORK=DIR elsewhere, or BENCH_SPACE_CHECK=0)"
fi
generate "$rows"
if [ ! -d "$csvdir" ]; then
  say "exporting CSV to $csvdir (not timed)"
  rm -rf "$csvdir.tmp" && mkdir -p "$csvdir.tmp"
  for t in $tables; do sqlite3 -bail -csv "$src" <"$sqldir/export/$t.sql" >"$csvdir.tmp/$t.csv"; done
  mv "$csvdir.tmp" "$csvdir"
fi
for n in "${flat_sizes[@]}"; do generate "$n" "for the memory comparison"; done
chmod -R a+rX "$csvdir"
as_pg test -r "$csvdir/${tables%% *}.csv" ||
  die "the server's user cannot read $csvdir (a parent directory is private?): set BENCH_WORK to a directory it can reach"
src_bytes=$(stat -c %s "$src")
count_sql="SELECT 0$(for t in $tables; do printf ' + (SELECT count(*) FROM %s)' "$t"; done)"
src_rows=$(sqlite3 "$src" "$count_sql")

# ---------------------------------------------------------------------------------------------
# 2. The throwaway PostgreSQL: fresh data directory, loopback only, stopped on exit.
pgdir=$work/pg
stop_pg() {
  if [ -f "$pgdir/data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}
. "$bench/lib/measure.sh"
trap 'busy_stop; stop_pg' EXIT
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
pm_pid=$(head -n 1 "$pgdir/data/postmaster.pid")
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGSSLMODE=disable
psql_() { "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }
pg_version=$(psql_ -d postgres -Atc 'SHOW server_version')
pg_shown=$(psql_ -d postgres -Atc "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY array_position(
  string_to_array('$(echo $shown_settings)', ' '), name)) FROM pg_settings WHERE name = ANY (string_to_array('$(echo $shown_settings)', ' '))")
target() { echo "postgresql://postgres@127.0.0.1:$port/$1?sslmode=disable"; }

# ---------------------------------------------------------------------------------------------
# 3. The contenders. Each loads into a fresh database; everything timed runs under timed()
#    (bench/lib/measure.sh): wall, client CPU, peak RSS, server CPU, I/O wait.
export src csvdir sqldir tables psql_bin
measures=$logs/measures.tsv
: >"$measures"; : >"$logs/rows.txt"; : >"$logs/same.txt"
loaded_rows() { psql_ -d "$1" -Atc "$count_sql" 2>/dev/null || echo "?"; }
note() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$logs/$4"; } # KEY ROUND VALUE FILE
# Untimed: the tool's own verify as the oracle that a baseline loaded the same values. Where
# they differ, verify bisects key ranges to find the rows, which takes long on a big table:
# it gets BENCH_CHECK_SECONDS.
check_limit=${BENCH_CHECK_SECONDS:-300}
check_same() { # KEY ROUND DB
  local rc=0
  if [ "$check" != 1 ] || [ "$2" != 1 ]; then echo "-"; return; fi  # first round only
  if [ "$(awk -F'\t' -v k="$1" '$1 == k {rc = $4} END {print rc}' "$measures")" != 0 ]; then echo "-"; return; fi
  timeout "$check_limit" "$sqlite2pg" verify "$src" "$(target "$3")" -q >"$logs/check-$1-$2.log" 2>&1 || rc=$?
  case $rc in
    0) echo "equal" ;;
    6) echo "differs (logs/check-$1-$2.log)" ;;
    124) echo "unknown: verify stopped after $check_limit s" ;;
    *) echo "verify failed (exit $rc)" ;;
  esac
}
fresh_db() {
  psql_ -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" -c "CHECKPOINT"
}
run_contender() { # KEY ROUND
  local key=$1 r=$2 db="bench_${1//-/_}_$2"
  fresh_db "$db"
  say "round $r: $key"
  case $key in
    migrate)
      timed migrate "$r" "$src_rows" "$logs/migrate-$r.log" "$sqlite2pg" migrate "$src" "$(target "$db")" \
        --drop --no-verify --progress=plain --report="$logs/migrate-$r.json"
      note migrate "$r" "$(loaded_rows "$db")" rows.txt
      psql_ -d postgres -c CHECKPOINT
      say "round $r: verify"
      timed verify "$r" "$src_rows" "$logs/verify-$r.log" "$sqlite2pg" verify "$src" "$(target "$db")"
      note verify "$r" "$(loaded_rows "$db")" rows.txt ;;
    limit | pipeline | pipeline-seq)
      timed "$key" "$r" "$src_rows" "$logs/$key-$r.log" \
        bash -c '. "$1" && "$2" "$3"' _ "$bench/lib/contenders.sh" "load_${key//-/_}" "$db"
      note "$key" "$r" "$(loaded_rows "$db")" rows.txt
      note "$key" "$r" "$(check_same "$key" "$r" "$db")" same.txt ;;
    pgloader)
      timed pgloader "$r" "$src_rows" "$logs/pgloader-$r.log" pgloader --root-dir "$work/pgloader" \
        ${pgloader_with:+--with "$pgloader_with"} "sqlite://$src" "postgresql://postgres@127.0.0.1:$port/$db"
      note pgloader "$r" "$(loaded_rows "$db")" rows.txt
      note pgloader "$r" "$(check_same pgloader "$r" "$db")" same.txt ;;
  esac
  psql_ -d postgres -c "DROP DATABASE $db" -c CHECKPOINT
}
# Flat memory: the same migration at another size, for its peak RSS and throughput.
run_flat() { # ROWS ROUND
  local n=$1 r=$2 f; f=$(source_of "$1")
  fresh_db bench_flat
  say "round $r: migrate of $n rows (flat memory)"
  timed "migrate@$n" "$r" "$(sqlite3 "$f" "$count_sql")" "$logs/migrate@$n-$r.log" "$sqlite2pg" migrate "$f" \
    "$(target bench_flat)" --drop --no-verify --progress=plain --report="$logs/migrate@$n-$r.json"
  psql_ -d postgres -c "DROP DATABASE bench_flat" -c CHECKPOINT
}

contenders=(migrate limit pipeline pipeline-seq)
((have_pgloader)) && contenders+=(pgloader)
check_cold
say "PostgreSQL $pg_version on 127.0.0.1:$port; $src_rows rows, $((src_bytes / 1048576)) MB; $repeat round(s); profile $profile_tag"
for ((r = 1; r <= repeat; r++)); do
  # Alternate, and rotate who goes first, so that no contender always follows the same one.
  n=${#contenders[@]}
  for ((i = 0; i < n; i++)); do run_contender "${contenders[(i + r - 1) % n]}" "$r"; done
  # With --rows the other sizes are measured every round, beside the contenders; else once.
  if ((rows_profile)) || ((r == repeat)); then
    for n in "${flat_sizes[@]}"; do run_flat "$n" "$r"; done
  fi
done

# ---------------------------------------------------------------------------------------------
# 4. The results: the table of today's run (results.md, and results-PROFILE.md beside it) and
#    every measurement as TSV (results-PROFILE.tsv), by bench/lib/results.py.
facts=$logs/facts.tsv
fact() { printf '%s\t%s\n' "$1" "$2" >>"$facts"; }
: >"$facts"
fact date "$(date -u '+%Y-%m-%d %H:%M UTC')"
fact profile "$profile"
fact profile_tag "$profile_tag"
fact rows "$rows"
fact tables "$tables"
fact source_rows "$src_rows"
fact source_bytes "$src_bytes"
fact source_file "$(basename "$src")"
fact nproc "$(nproc)"
fact mem_kb "$(awk '/MemTotal/ {print $2}' /proc/meminfo)"
fact kernel "$(uname -sr)"
fact cpu "$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
fact filesystem "$(df -PT "$work" | awk 'NR == 2 {print $2 " on " $1}')"
fact sqlite2pg "$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src pom.xml || echo '+changes')"
fact java "$(java -version 2>&1 | head -n 1 | sed 's/.*version "\(.*\)".*/\1/')"
fact sqlite3 "$(sqlite3 --version | cut -d' ' -f1)"
fact pg_version "$pg_version"
fact pg_settings "$(printf '%s, ' "${pg_settings[@]}" | sed 's/ = /=/g; s/, $//')"
fact pg_shown "$pg_shown"
fact durable "$durable"
fact cold "$cold"
fact cache "$cache_state"
fact busy "$busy"
fact repeat "$repeat"
fact clk_tck "$clk_tck"
fact have_pgloader "$have_pgloader"
fact pgloader "$(dpkg-query -W -f '${Version}' pgloader 2>/dev/null || pgloader --version 2>/dev/null | head -n 1)${pgloader_with:+, $pgloader_with}"
fact flat_sizes "${flat_sizes[*]}"
for n in "${flat_sizes[@]}"; do fact "source_bytes@$n" "$(stat -c %s "$(source_of "$n")")"; done
"$python" "$bench/lib/results.py" "$logs" "$work/results-$profile_tag.tsv" | tee "$work/results-$profile_tag.md" >"$work/results.md"
cat "$work/results.md"
say "table written to $work/results.md and results-$profile_tag.md, every measurement to results-$profile_tag.tsv; logs in $logs"
