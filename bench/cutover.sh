#!/usr/bin/env bash
# cut-over's benchmark (issue 13 "Targets"): rounds of a full cut-over of a 50-table database
# while a cooperating application writes 1,000 transactions a second; prints per round the tool's
# lock hold, the changes drained, the pause each writer saw and lost or doubled writes, then the
# medians and maxima, against the baseline measured in the same run (the same file moved by a
# one-time migrate with the application stopped, the runbooks' way).
#
#   bench/cutover.sh                                   10 rounds (~5 minutes on 2 cores)
#   BENCH_CUTOVER_ROUNDS=3 bench/cutover.sh            quick
#
# Environment: BENCH_CUTOVER_ROUNDS (10), BENCH_CUTOVER_RATE (transactions/s, 1000),
# BENCH_CUTOVER_THREADS (8), BENCH_CUTOVER_TABLES (50), BENCH_CUTOVER_JOURNAL (wal or delete),
# BENCH_CUTOVER_ROLLBACK (true: also the way back, see bench/cutover.md), BENCH_NO_BUILD=1 (use target/classes and target/test-classes as they are).
# Runs dev.sqlite2pg.sync.load.CutoverBench from the test classpath; files go to
# bench/work/cutover/.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib/test-classes.sh" cutover
add bench.rounds "${BENCH_CUTOVER_ROUNDS:-}"
add bench.rate "${BENCH_CUTOVER_RATE:-}"
add bench.threads "${BENCH_CUTOVER_THREADS:-}"
add bench.tables "${BENCH_CUTOVER_TABLES:-}"
add bench.journal "${BENCH_CUTOVER_JOURNAL:-}"
add bench.rollback "${BENCH_CUTOVER_ROLLBACK:-}"

say "running; results also in $work/results.txt"
java -Xmx1g -Duser.timezone=UTC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${props[@]}" \
  -cp "target/classes:target/test-classes:$(cat "$work/classpath")" \
  dev.sqlite2pg.sync.load.CutoverBench "$work" 2>"$work/stderr.log" | tee "$work/results.txt"
