# Sourced by bench/run.sh: how every contender is measured. timed() runs one command under
# /usr/bin/time and appends one line to $measures; around it, as the profile asks, the page
# cache is dropped (--cold) and one core is kept busy (--busy), and the server's CPU and the
# machine's I/O wait are read from /proc before and after. Needs: logs, measures, pm_pid, cold,
# cold_ok, busy, busy_max, say.

clk_tck=$(getconf CLK_TCK)

# Every line of a contender's output is logged with the seconds since its start, so sqlite2pg's
# "STEP n" lines show where its time goes.
stamp() {
  local t0=${EPOCHREALTIME/[.,]/} line now
  while IFS= read -r line; do
    now=${EPOCHREALTIME/[.,]/}
    printf '%4d.%03d %s\n' $(((now - t0) / 1000000)) $(((now - t0) % 1000000 / 1000)) "$line"
  done
}

# proc_ticks PID [with-children]: the CPU a process used (utime + stime), and with-children also
# what its reaped children used (cutime + cstime), in clock ticks; 0 when it is gone. The fields
# are counted after the command name, which may hold spaces.
proc_ticks() {
  local s f
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return 0; }
  read -ra f <<<"${s##*) }" # f[0] is field 3 (state); utime..cstime are fields 14..17
  if [ "${2:-}" = with-children ]; then echo $((f[11] + f[12] + f[13] + f[14])); else echo $((f[11] + f[12])); fi
}

# The server's CPU: every backend is a child of the postmaster, so once a contender's sessions
# have ended their CPU is in the postmaster's cutime + cstime; the long-lived auxiliary
# processes (checkpointer, background writer, WAL writer) are never reaped, so their own
# utime + stime are added. Read only while no backend runs (wait_server_idle).
server_ticks() {
  local t c
  t=$(proc_ticks "$pm_pid" with-children)
  for c in $(pgrep -P "$pm_pid" || true); do t=$((t + $(proc_ticks "$c"))); done
  echo "$t"
}
# How many of the postmaster's children are not its auxiliary processes: backends, parallel
# workers, and a child that ended but is not reaped yet (its title is then empty).
server_sessions() {
  local c title n=0
  for c in $(pgrep -P "$pm_pid" || true); do
    title=$(tr '\0' ' ' 2>/dev/null <"/proc/$c/cmdline" || true)
    case $title in
      "postgres: checkpointer"* | "postgres: background writer"* | "postgres: walwriter"* | \
        "postgres: autovacuum launcher"* | "postgres: logical replication launcher"* | "postgres: archiver"*) ;;
      *) n=$((n + 1)) ;;
    esac
  done
  echo "$n"
}
# Until the sessions of the last command have closed and been reaped (30 s at most).
wait_server_idle() {
  local i
  for ((i = 0; i < 600; i++)); do
    [ "$(server_sessions)" = 0 ] && return 0
    sleep 0.05
  done
  say "warning: sessions still open on the server after 30 s; its CPU seconds are short by theirs"
}
# The machine's I/O wait so far, in clock ticks summed over the cores (/proc/stat, cpu line).
iowait_ticks() { awk '$1 == "cpu" {print $6; exit}' /proc/stat; }

# --cold: write back, then drop the page cache, dentries and inodes, machine-wide.
drop_page_cache() { sync && (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; }
# Whether dropping is permitted here: tried once before the first round, said in one line if not.
check_cold() {
  cold_ok=0 cache_state=warm
  ((cold)) || return 0
  local why
  if ! [ "$(id -u)" = 0 ]; then
    why="not root"
  elif ! drop_page_cache; then
    why="/proc/sys/vm/drop_caches is not writable here"
  else
    cold_ok=1 cache_state=cold
    return 0
  fi
  cache_state="warm: could not drop the page cache"
  say "--cold: cannot drop the page cache ($why); carrying on warm, results marked \"$cache_state\""
}

# --busy: one process spinning on one core (no pinning) from just before a contender starts
# until it ends. It stops by itself after busy_max seconds or when this script is gone.
busy_pid=
busy_start() {
  ((busy)) || return 0
  bash -c 'end=$((SECONDS + $1))
           while ((SECONDS < end)) && kill -0 "$2" 2>/dev/null; do for ((i = 0; i < 300000; i++)); do :; done; done' \
    busy-loop "$busy_max" "$$" &
  busy_pid=$!
}
# Stops it; busy_ticks is the CPU it got, to show the load was there (empty without --busy).
busy_stop() {
  busy_ticks=
  [ -n "$busy_pid" ] || return 0
  busy_ticks=$(proc_ticks "$busy_pid")
  kill "$busy_pid" 2>/dev/null || true
  wait "$busy_pid" 2>/dev/null || true
  busy_pid=
}

# timed KEY ROUND ROWS LOG COMMAND...: runs COMMAND, logged to LOG, and appends to $measures
#   key round rows exit wall_s peak_rss_kb user_s sys_s server_ticks iowait_ticks busy_ticks cache
# wall, peak RSS (the largest single process of the tree) and user + sys CPU of the whole client
# process tree (every process it started and waited for) come from /usr/bin/time; the server's
# CPU is read after the contender's sessions have closed.
timed() {
  local key=$1 r=$2 n=$3 log=$4 rc=0 cache=$cache_state s0 s1 io0 io1 wall rss user sys
  shift 4
  if ((cold_ok)) && ! drop_page_cache; then cache="warm: could not drop the page cache"; fi
  wait_server_idle
  s0=$(server_ticks) io0=$(iowait_ticks)
  busy_start
  { /usr/bin/time -f '%e %M %U %S' -o "$logs/time.out" "$@" 2>&1 || rc=$?; echo "(exit $rc)"; } | stamp >"$log"
  busy_stop
  wait_server_idle
  s1=$(server_ticks) io1=$(iowait_ticks)
  rc=$(tail -n 1 "$log" | sed 's/.*(exit \([0-9]*\))$/\1/')
  read -r wall rss user sys <<<"$(tail -n 1 "$logs/time.out")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$r" "$n" "$rc" "$wall" "$rss" "$user" "$sys" \
    $((s1 - s0)) $((io1 - io0)) "$busy_ticks" "$cache" >>"$measures"
}
