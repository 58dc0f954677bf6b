# Sourced by bench/run.sh: its command line (the profiles and ROWS), the data set and the
# server settings each profile asks for. Sets durable, cold, busy, one_table, rows_profile, rows,
# profile (as typed, for the header) and profile_tag (for file names); then dataset, sqldir,
# tables, src_prefix and pg_settings.

usage() {
  cat <<'EOF'
usage: bench/run.sh [--durable] [--cold] [--busy] [--one-table] [--rows N] [ROWS]

  ROWS          rows over the source's tables (default 5000000; with --one-table 20000000)
  --durable     PostgreSQL's defaults for fsync, synchronous_commit, full_page_writes,
                max_wal_size, min_wal_size and checkpoint_timeout (default: durability off)
  --cold        drop the page cache before every contender (needs root and a writable
                /proc/sys/vm/drop_caches; otherwise said once, and the run stays warm)
  --busy        one process spinning on one core beside every contender
  --one-table   one table of ROWS rows with two secondary indexes, and a small second table
                (ROWS/1000 rows) with a foreign key into it
  --rows N      ROWS is N, and migrate is also run at N/100 and N/10 rows, every round, for
                flat memory and throughput (BENCH_FLAT_ROWS="N1 N2 ..." to choose the sizes)

Profiles combine (--durable --cold --busy). Environment: see the top of bench/run.sh and
bench/README.md.
EOF
}

durable=0 cold=0 busy=0 one_table=0 rows_profile=0 rows=
set_rows() {
  [ -z "$rows" ] || [ "$rows" = "$1" ] || die "two row counts given: $rows and $1"
  rows=$1
}
parse_args() {
  while (($#)); do
    case $1 in
      --durable) durable=1 ;;
      --cold) cold=1 ;;
      --busy) busy=1 ;;
      --one-table) one_table=1 ;;
      --rows) (($# >= 2)) || die "--rows needs a number of rows"; set_rows "$2"; rows_profile=1; shift ;;
      --rows=*) set_rows "${1#--rows=}"; rows_profile=1 ;;
      -h | --help) usage; exit 0 ;;
      -*) die "unknown option '$1' (bench/run.sh --help)" ;;
      *) set_rows "$1" ;;
    esac
    shift
  done
  if ((one_table)); then rows=${rows:-${BENCH_ROWS:-20000000}}; else rows=${rows:-${BENCH_ROWS:-5000000}}; fi

  local words=() tags=()
  ((durable)) && words+=(--durable) && tags+=(durable)
  ((cold)) && words+=(--cold) && tags+=(cold)
  ((busy)) && words+=(--busy) && tags+=(busy)
  ((one_table)) && words+=(--one-table) && tags+=(one-table)
  ((rows_profile)) && words+=("--rows $rows") && tags+=(rows)
  if ((${#words[@]})); then
    profile="${words[*]}"
    profile_tag=$(IFS=+; echo "${tags[*]}")
  else
    profile="default (durability off, page cache warm, no added load, 4 tables)"
    profile_tag=default
  fi

  # The data set: the 4 related tables of sql/generate.sql, or sql/one-table/.
  if ((one_table)); then
    dataset=one-table sqldir=$bench/sql/one-table tables="readings alerts" src_prefix=source-one-table-
  else
    dataset=four sqldir=$bench/sql tables="accounts orders order_items events" src_prefix=source-
  fi

  # One server, the same settings for every contender. By default durability is off (a
  # throwaway server: we measure the loaders, not the disk's flush latency); --durable keeps
  # PostgreSQL's defaults for it, as a production server has them. Autovacuum is off in both, so
  # that no contender pays for another's leftovers; every contender ANALYZEs its own tables.
  pg_settings=("shared_buffers = 512MB" "maintenance_work_mem = 512MB")
  ((durable)) || pg_settings+=(
    "max_wal_size = 4GB"
    "checkpoint_timeout = 30min"
    "fsync = off"
    "synchronous_commit = off"
    "full_page_writes = off"
  )
  pg_settings+=("autovacuum = off")
}

# The settings printed with the results, as the server reports them (SHOW), whatever set them.
shown_settings="fsync synchronous_commit full_page_writes wal_level max_wal_size min_wal_size
  checkpoint_timeout wal_buffers shared_buffers maintenance_work_mem work_mem autovacuum
  max_parallel_maintenance_workers max_worker_processes"
