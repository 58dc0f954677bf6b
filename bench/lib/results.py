#!/usr/bin/env python3
"""The tables of bench/run.sh, from what it logged: prints them as Markdown and writes every
measurement, and the medians, as TSV.

usage: results.py LOGS_DIR OUT.tsv

LOGS_DIR holds facts.tsv (key, value), measures.tsv (one line per timed run: key, round, rows,
exit, wall s, peak RSS KB, user s, sys s, server CPU ticks, I/O wait ticks, busy-loop ticks,
page cache), rows.txt and same.txt (key, round, value) and sqlite2pg's --report JSON files
(migrate-ROUND.json, migrate@ROWS-ROUND.json).
"""
import json
import os
import statistics
import sys

LOGS, OUT_TSV = sys.argv[1], sys.argv[2]
KEYS = ["migrate", "verify", "limit", "pipeline", "pipeline-seq", "pgloader"]


def read_tsv(name):
    path = os.path.join(LOGS, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


facts = {k: v for k, v in read_tsv("facts.tsv")}
tck = float(facts["clk_tck"])
ntables = len(facts["tables"].split())
src_rows = int(facts["source_rows"])
src_mb = int(facts["source_bytes"]) / 1048576


def number(s):
    return float(s) if s not in ("", None) else None


runs = []  # one dict per timed run
for f in read_tsv("measures.tsv"):
    key, rnd, rows, rc, wall, rss, user, sys_, sticks, ioticks, bticks, cache = (f + [""] * 12)[:12]
    run = {
        "key": key, "round": int(rnd), "rows": int(rows), "exit": int(rc) if rc.isdigit() else rc,
        "wall": number(wall), "rss_kb": number(rss), "user": number(user), "sys": number(sys_),
        "server": int(sticks) / tck, "iowait": int(ioticks) / tck,
        "busy": int(bticks) / tck if bticks else None, "cache": cache,
    }
    run["cpu"] = run["user"] + run["sys"] if run["user"] is not None else None
    run["steps"] = None
    report = os.path.join(LOGS, "%s-%s.json" % (key, rnd))
    if key.startswith("migrate") and os.path.exists(report):
        try:
            with open(report, encoding="utf-8") as fh:
                run["steps"] = [(s["name"], float(s["seconds"])) for s in json.load(fh).get("steps", [])]
        except (ValueError, KeyError):
            pass
    runs.append(run)

noted, noted_round = {}, {}
for name in ("rows.txt", "same.txt"):
    noted[name], noted_round[name] = {}, {}
    for key, rnd, value in read_tsv(name):
        noted_round[name][(key, int(rnd))] = value
        if value != "-":
            noted[name][key] = value  # the last round that says something


def ok(key):
    return [r for r in runs if r["key"] == key and r["exit"] == 0]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def med(key, field):
    return median([r[field] for r in ok(key)])


def peak_mb(key):
    kb = max([r["rss_kb"] or 0 for r in runs if r["key"] == key], default=0)
    return "%.0f" % (kb / 1024) if kb else ""


def failures(key):
    return "".join("%s exit %s; " % (key, r["exit"]) for r in runs if r["key"] == key and r["exit"] != 0)


def label(key):
    n = ntables
    return {
        "migrate": "(a) sqlite2pg migrate --no-verify",
        "verify": "(a') sqlite2pg verify",
        "limit": "(b) limit: server COPY FROM csv file, %d tables parallel" % n,
        "pipeline": "(c) sqlite3 -csv \\| psql \\copy, %d tables parallel" % n,
        "pipeline-seq": "(c') sqlite3 -csv \\| psql \\copy, %d tables one after another" % n,
        "pgloader": "(d) pgloader " + facts["pgloader"],
    }.get(key, key)


def keys_run():
    return [k for k in KEYS if any(r["key"] == k for r in runs)]


out = []
p = out.append

# The header: as before profiles existed, then the profile and the machine's facts.
p("## sqlite2pg benchmark, %s" % facts["date"])
p("")
p("- source: %d rows in %d tables, %.1f MB (%s)" % (src_rows, ntables, src_mb, facts["source_file"]))
p("- machine: %s cores, %.0f GB RAM; sqlite2pg %s, java %s, sqlite3 %s" % (
    facts["nproc"], int(facts["mem_kb"]) / 1048576, facts["sqlite2pg"], facts["java"], facts["sqlite3"]))
p("- PostgreSQL %s on loopback: %s" % (facts["pg_version"], facts["pg_settings"]))
p("- %s round(s), contenders alternating; wall s is the median; peak RSS is the largest client process (not the server)" % facts["repeat"])
p("- same data: untimed `sqlite2pg verify` of that contender's target (pgloader creates REAL columns as 4-byte real and DATETIME as timestamptz; verify compares values by meaning, so that is equal when each value reads back the same)")
p("- profile: %s" % facts["profile"])
if facts["durable"] == "1":
    p("  - durable: PostgreSQL's defaults for fsync, synchronous_commit, full_page_writes, max_wal_size, min_wal_size, checkpoint_timeout (see the settings in effect below)")
if facts["cold"] == "1":
    if facts["cache"] == "cold":
        p("  - cold: page cache dropped before every contender (`sync; echo 3 > /proc/sys/vm/drop_caches`)")
    else:
        p("  - cold asked for, but **%s**: every contender ran warm" % facts["cache"])
    warm = [r for r in runs if facts["cache"] == "cold" and r["cache"] != "cold"]
    if warm:
        p("  - **%d run(s) warm: could not drop the page cache** before them (page_cache in the TSV)" % len(warm))
if facts["busy"] == "1":
    shares = [r["busy"] / r["wall"] for r in runs if r["busy"] is not None and r["wall"]]
    p("  - busy: one process spinning on one core beside every contender; it got a median %.0f%% of a core (%.0f-%.0f%%)" % (
        100 * median(shares), 100 * min(shares), 100 * max(shares)) if shares else "  - busy: no measurement")
if "one-table" in facts["profile_tag"].split("+"):
    p("  - one table: readings, %s rows (primary key, 2 secondary indexes), and alerts, %s rows with a foreign key into readings" % (
        facts["rows"], int(facts["rows"]) // 1000 or 1))
if "rows" in facts["profile_tag"].split("+") and facts["flat_sizes"]:
    p("  - rows: migrate also at %s rows, every round, for the flat-memory table below" % " and ".join(facts["flat_sizes"].split()))
p("- machine facts: %s, %s cores (%s), %.1f GB RAM, %s" % (
    facts["kernel"], facts["nproc"], facts["cpu"], int(facts["mem_kb"]) / 1048576, facts["filesystem"]))
p("- server settings in effect (SHOW): %s" % facts["pg_shown"])
p("")

# The contenders' table.
p("| contender | wall s | min-max s | rows/s | MB/s | peak RSS MB | rows loaded | same data (sqlite2pg verify) |")
p("|---|---:|---:|---:|---:|---:|---:|---|")
wall = {}
for key in KEYS:
    if key == "pgloader" and facts["have_pgloader"] != "1":
        p("| (d) pgloader | skipped: not installable | | | | | | |")
        continue
    w, f = med(key, "wall"), failures(key)
    wall[key] = w
    if w is None:
        p("| %s | failed: %s | | | | | | |" % (label(key), f or "not run"))
        continue
    walls = [r["wall"] for r in ok(key)]
    rng = "%.1f-%.1f" % (min(walls), max(walls)) if len(walls) > 1 else "%.1f" % walls[0]
    same = noted["same.txt"].get(key, "-")
    p("| %s | %.2f | %s | %.0f | %.1f | %s | %s | %s%s |" % (
        label(key), w, rng, src_rows / w, src_mb / w, peak_mb(key), noted["rows.txt"].get(key, ""), same,
        " (%s)" % f if f else ""))
p("")


def ratio(name, a, b, target, target18):
    t = "<= %sx" % target if target else "-"
    t18 = "<= %sx" % target18 if target18 else "-"
    if a is None or b is None:
        p("| %s | n/a | %s | - | %s | - |" % (name, t, t18))
        return
    r = a / b
    met = lambda lim: ("met" if r <= lim else "MISSED") if lim else "-"
    p("| %s | %.2fx | %s | %s | %s | %s |" % (name, r, t, met(target), t18, met(target18)))


def memory(name, key):
    m = peak_mb(key)
    if not m:
        p("| %s | n/a | <= 384 MB | - | <= 256 MB | - |" % name)
        return
    m = int(m)
    p("| %s | %d MB | <= 384 MB | %s | <= 256 MB | %s |" % (
        name, m, "met" if m <= 384 else "MISSED", "met" if m <= 256 else "MISSED"))


p("| ratio | measured | target | | issue 18 target | |")
p("|---|---:|---:|---|---:|---|")
ratio("migrate / limit (b)", wall.get("migrate"), wall.get("limit"), 1.3, 1.0)
ratio("migrate / plain pipeline (c)", wall.get("migrate"), wall.get("pipeline"), 0.8, 0.7)
ratio("migrate / sequential pipeline (c')", wall.get("migrate"), wall.get("pipeline-seq"), None, None)
ratio("migrate / pgloader (d)", wall.get("migrate"), wall.get("pgloader"), 0.3, 0.25)
ratio("verify / migrate", wall.get("verify"), wall.get("migrate"), 0.5, 0.4)
memory("migrate peak RSS", "migrate")
memory("verify peak RSS", "verify")
flat_sizes = [int(n) for n in facts.get("flat_sizes", "").split()]
rows = int(facts["rows"])
tenth = rows // 10
if tenth in flat_sizes and peak_mb("migrate@%d" % tenth) and peak_mb("migrate"):
    a, b = peak_mb("migrate"), peak_mb("migrate@%d" % tenth)
    ratio("migrate peak RSS, %d rows / %d rows (%s / %s MB)" % (rows, tenth, a, b), float(a), float(b), 1.2, None)
p("")

# Where the time goes, per contender.
busy = facts["busy"] == "1"
p("Where the time goes (medians over the rounds): client CPU is user + sys of the contender's whole process tree "
  "(/usr/bin/time); server CPU is what the PostgreSQL processes used (the postmaster's reaped children, read after "
  "the contender's sessions closed, plus its auxiliary processes); cores used = (client + server CPU) / wall; "
  "I/O wait is the whole machine's (/proc/stat), summed over its %s cores." % facts["nproc"])
p("")
p("| contender | wall s | client CPU s | client CPU s / M rows | server CPU s | cores used | I/O wait s |%s" % (
    " busy loop, % of a core |" if busy else ""))
p("|---|---:|---:|---:|---:|---:|---:|%s" % ("---:|" if busy else ""))
for key in keys_run():
    if not ok(key):
        p("| %s | failed | | | | | |%s" % (label(key), " |" if busy else ""))
        continue
    w, cpu, srv, io = med(key, "wall"), med(key, "cpu"), med(key, "server"), med(key, "iowait")
    used = median([(r["cpu"] + r["server"]) / r["wall"] for r in ok(key) if r["wall"]])
    b = median([r["busy"] / r["wall"] for r in ok(key) if r["busy"] is not None and r["wall"]])
    p("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%s" % (
        label(key), w, cpu, cpu / (src_rows / 1e6), srv, used, io, (" %.0f%% |" % (100 * b)) if busy else ""))
p("")

# Where migrate's time went, per STEP.
step_runs = [r for r in runs if r["steps"] and r["exit"] == 0]
if step_runs:
    names = []
    for r in step_runs:
        names += [n for n, _ in r["steps"] if n not in names]
    p("Where migrate's time went (seconds per STEP, from its `--report` JSON; outside = wall minus the steps: the JVM's start and exit):")
    p("")
    p("| run | %s | outside | wall |" % " | ".join(names))
    p("|---|%s---:|---:|" % ("---:|" * len(names)))

    def step_row(name, rs):
        cells = [median([dict(r["steps"]).get(n) for r in rs]) for n in names]
        outside = median([r["wall"] - sum(s for _, s in r["steps"]) for r in rs])
        p("| %s | %s | %.2f | %.2f |" % (name, " | ".join("-" if c is None else "%.2f" % c for c in cells),
                                         outside, median([r["wall"] for r in rs])))

    for key in ["migrate"] + ["migrate@%d" % n for n in flat_sizes]:
        rs = [r for r in step_runs if r["key"] == key]
        for r in rs:
            step_row("%s, round %d" % (key, r["round"]), [r])
        if len(rs) > 1:
            step_row("%s, median" % key, rs)
    p("")

# Flat memory and throughput over the sizes.
if flat_sizes:
    p("Flat memory and throughput: the same migration at other sizes (issue 18: peak RSS flat from 500,000 to "
      "50,000,000 rows; at 50,000,000 rows, rows/s within 10% of the 5,000,000-row run):")
    p("")
    p("| migrate of | source MB | rounds | wall s | rows/s | client CPU s / M rows | peak RSS MB | rows/s / main run's | peak RSS / main run's |")
    p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    main_rate = src_rows / wall["migrate"] if wall.get("migrate") else None
    main_rss = float(peak_mb("migrate") or 0)
    for key, n in sorted([("migrate@%d" % n, n) for n in flat_sizes] + [("migrate", rows)], key=lambda kv: kv[1]):
        rs = ok(key)
        if not rs:
            p("| %d rows | | | failed | | | | | |" % n)
            continue
        nrows = rs[0]["rows"]
        w, cpu, rss = med(key, "wall"), med(key, "cpu"), peak_mb(key)
        mb = int(facts.get("source_bytes@%d" % n, facts["source_bytes"] if key == "migrate" else 0)) / 1048576
        rate = nrows / w
        p("| %d rows%s | %.1f | %d | %.2f | %.0f | %.2f | %s | %s | %s |" % (
            nrows, " (main)" if key == "migrate" else "", mb, len(rs), w, rate, cpu / (nrows / 1e6), rss,
            "%.2fx" % (rate / main_rate) if main_rate else "-",
            "%.2fx" % (float(rss) / main_rss) if main_rss and rss else "-"))
    p("")

print("\n".join(out))

# Every measurement, and the medians, as TSV; the facts first, as '# key<TAB>value' lines.
cols = ["profile", "rows", "contender", "round", "exit", "wall_s", "client_user_s", "client_sys_s", "client_cpu_s",
        "client_cpu_s_per_mrows", "server_cpu_s", "iowait_s", "cores_used", "peak_rss_mb", "busy_loop_cpu_s",
        "page_cache", "rows_loaded", "same_data", "steps"]


def fmt(v, digits=3):
    return "" if v is None else ("%.*f" % (digits, v) if isinstance(v, float) else str(v))


with open(OUT_TSV, "w", encoding="utf-8") as f:
    for k, v in facts.items():
        f.write("# %s\t%s\n" % (k, v))
    f.write("\t".join(cols) + "\n")

    def line(key, rnd, r):
        steps = ",".join("%s=%.3f" % s for s in r["steps"]) if r.get("steps") else ""
        n = r["rows"]
        values = [facts["profile_tag"], n, key, rnd, r["exit"], r["wall"], r.get("user"), r.get("sys"), r["cpu"],
                  r["cpu"] / (n / 1e6) if r["cpu"] is not None else None, r["server"], r["iowait"],
                  (r["cpu"] + r["server"]) / r["wall"] if r["cpu"] is not None and r["wall"] else None,
                  r["rss_kb"] / 1024 if r["rss_kb"] else None, r["busy"], r["cache"],
                  noted["rows.txt"].get(key, "") if rnd == "median" else noted_round["rows.txt"].get((key, rnd), ""),
                  noted["same.txt"].get(key, "") if rnd == "median" else noted_round["same.txt"].get((key, rnd), ""),
                  steps]
        f.write("\t".join(fmt(v) for v in values) + "\n")

    for r in runs:
        line(r["key"], r["round"], r)
    for key in dict.fromkeys(r["key"] for r in runs):
        rs = ok(key)
        if not rs:
            continue
        m = {field: median([r[field] for r in rs]) for field in ("wall", "user", "sys", "cpu", "server", "iowait", "busy")}
        m.update(rows=rs[0]["rows"], exit=0, rss_kb=max(r["rss_kb"] or 0 for r in rs), cache=rs[0]["cache"], steps=None)
        if any(r["steps"] for r in rs):
            names = [n for n, _ in next(r["steps"] for r in rs if r["steps"])]
            m["steps"] = [(n, median([dict(r["steps"] or []).get(n) for r in rs])) for n in names]
        line(key, "median", m)
