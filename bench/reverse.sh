#!/usr/bin/env bash
# What reverse capture (design 3.8, R1: triggers on PostgreSQL recording the application's writes
# after cut-over, for a rollback) costs the application's small autocommit statements: rounds
# without and with the triggers, alternating, medians per kind of statement. Printed, not asserted.
#
#   bench/reverse.sh                                    # 4+4 rounds of 2,000 statements per kind
#   BENCH_REVERSE_ROUNDS=2 BENCH_REVERSE_STATEMENTS=500 bench/reverse.sh   # quick
#
# Environment: BENCH_REVERSE_ROUNDS (rounds without and with, 4 each), BENCH_REVERSE_STATEMENTS
# (statements of each kind per round, 2000), BENCH_NO_BUILD=1 (use the compiled classes as they
# are). PostgreSQL is the tests' embedded server. Runs dev.sqlite2pg.sync.ReverseBench from the
# test classpath; files go to bench/work/reverse/.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib/test-classes.sh" reverse
add bench.rounds "${BENCH_REVERSE_ROUNDS:-}"
add bench.statements "${BENCH_REVERSE_STATEMENTS:-}"

say "running; results also in $work/results.txt"
java -Xmx1g -Duser.timezone=UTC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${props[@]}" \
  -cp "target/classes:target/test-classes:$(cat "$work/classpath")" \
  dev.sqlite2pg.sync.ReverseBench "$work" 2>"$work/stderr.log" | tee "$work/results.txt"
