#!/usr/bin/env bash
# sync's benchmark (issue 12 "Targets", design 4.1): steady forward lag at a write rate, catch-up
# throughput from a backlog, and the capture triggers' cost to the application's statements.
#
#   bench/sync.sh              all three parts with the issue's settings (~6 minutes on 2 cores)
#   BENCH_SYNC_SECONDS=10 BENCH_SYNC_BACKLOG=100000 BENCH_SYNC_ROUND_SECONDS=3 bench/sync.sh  # quick
#
# Environment: BENCH_SYNC_PARTS (default lag,catchup,overhead), BENCH_SYNC_RATE (writes/s,
# default 1000), BENCH_SYNC_THREADS (4), BENCH_SYNC_SECONDS (lag run, 60), BENCH_SYNC_BACKLOG
# (changes, 1000000), BENCH_SYNC_ROUNDS (overhead rounds without and with capture, 3 each),
# BENCH_SYNC_ROUND_SECONDS (10), BENCH_SYNC_JOURNAL (wal or delete), BENCH_SYNC_URL (a JDBC URL
# of a PostgreSQL database to use and empty; default: the tests' embedded server, durability
# off), BENCH_NO_BUILD=1 (use target/classes and target/test-classes as they are).
# Runs dev.sqlite2pg.sync.load.SyncBench from the test classpath; files go to bench/work/sync/.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib/test-classes.sh" sync
add bench.parts "${BENCH_SYNC_PARTS:-}"
add bench.rate "${BENCH_SYNC_RATE:-}"
add bench.threads "${BENCH_SYNC_THREADS:-}"
add bench.seconds "${BENCH_SYNC_SECONDS:-}"
add bench.backlog "${BENCH_SYNC_BACKLOG:-}"
add bench.rounds "${BENCH_SYNC_ROUNDS:-}"
add bench.round-seconds "${BENCH_SYNC_ROUND_SECONDS:-}"
add bench.journal "${BENCH_SYNC_JOURNAL:-}"
add bench.url "${BENCH_SYNC_URL:-}"

say "running; results also in $work/results.txt"
java -Xmx1g -Duser.timezone=UTC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${props[@]}" \
  -cp "target/classes:target/test-classes:$(cat "$work/classpath")" \
  dev.sqlite2pg.sync.load.SyncBench "$work" 2>"$work/stderr.log" | tee "$work/results.txt"
