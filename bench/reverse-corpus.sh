#!/usr/bin/env bash
# The reverse (rollback's values back into SQLite) over the real databases of ../shared/corpus:
# per file, how many values come back exactly as the application wrote them, how many the reverse
# refuses, how many come back different. Usage: bench/reverse-corpus.sh [CORPUS_DIR]
set -euo pipefail
source "$(dirname "$0")/lib/test-classes.sh" reverse-corpus
corpus=$(cd "${1:-$repo/../shared/corpus}" && pwd)
add sqlite2pg.reverse.limit "${REVERSE_LIMIT:-}"
say "running; results also in $work/results.txt"
java -Xmx1g -Duser.timezone=UTC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${props[@]}" \
  -cp "target/classes:target/test-classes:$(cat "$work/classpath")" \
  dev.sqlite2pg.convert.reverse.ReverseCorpus "$corpus" 2>"$work/stderr.log" | tee "$work/results.txt"
