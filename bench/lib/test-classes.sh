# Sourced by the benchmarks that run a class of the test sources (bench/sync.sh,
# bench/cutover.sh): $1 names the work dir under bench/work. Sets bench, repo and work, defines
# say, cds to the repository, compiles the main and test classes (unless BENCH_NO_BUILD=1) and
# resolves the test classpath into $work/classpath once (again when pom.xml changes).
bench=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=$(dirname "$bench")
work=${BENCH_WORK:-$bench/work}/$1
mkdir -p "$work"
say() { printf 'bench: %s\n' "$*" >&2; }

cd "$repo"
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  say "compiling the main and test classes"
  ./mvnw -q -DskipTests test-compile >"$work/build.log" 2>&1 ||
    { say "the build failed; see $work/build.log"; exit 1; }
fi
if [ ! -s "$work/classpath" ] || [ pom.xml -nt "$work/classpath" ]; then
  ./mvnw -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >"$work/classpath.log" 2>&1 ||
    { say "could not resolve the test classpath; see $work/classpath.log"; exit 1; }
fi
# One property per set environment variable: add NAME VALUE.
props=()
add() { [ -n "${2:-}" ] && props+=("-D$1=$2") || true; }
