"""The application during the cut-over: worker threads place orders (an order row and a stock move
in one transaction, ~200 writes/s in all) until STOP exists. Each write goes through a router to
SQLite until the cut-over, then to PostgreSQL through PgBouncer, and is written to the ledger only
once its database acknowledged it. Half the workers use plain sqlite3 + psycopg2 (Router), half
SQLAlchemy (EngineRouter): both are the README's reference code, kept identical to it (the
scenario's readme-snippets step compares them).

  app.py SQLITE_FILE PG_URL FLAG STOP LEDGER [--workers 4] [--rate 200]

Prints, at the end, per worker the gap between its last acknowledged SQLite write and its first
acknowledged PostgreSQL write, the largest gap (the pause the application saw), the writes retried
after meeting SQLite's fence, and the writes that failed (none expected)."""
import argparse, datetime, os, sqlite3, sys, threading, time

import psycopg2
import sqlalchemy
from sqlalchemy import create_engine, text


# --- README: sqlite3 router ---
class Router:
    """Sends each write transaction to SQLite until the cut-over, then to PostgreSQL. The switch
    comes from the flag file that `sqlite2pg cutover --on-cutover 'touch FLAG'` creates, or from
    SQLite's fence, whichever the worker meets first."""

    def __init__(self, sqlite_path, pg_dsn, flag):
        # busy_timeout 5 s: a write waits out cut-over's lock instead of failing at once
        self.sqlite = sqlite3.connect(sqlite_path, timeout=5.0, isolation_level=None)
        self.pg = psycopg2.connect(pg_dsn)  # opened before the cut-over: the pool is warm
        self.flag = flag
        self.on_pg = False
        self.fenced = 0  # writes that met SQLite's fence and were retried on PostgreSQL

    def write(self, work):
        """Runs work(cursor, placeholder) in one transaction; returns the database that took it."""
        if not self.on_pg and os.path.exists(self.flag):
            self.on_pg = True
        if not self.on_pg:
            try:
                self.sqlite.execute("BEGIN IMMEDIATE")
                work(self.sqlite.cursor(), "?")
                self.sqlite.execute("COMMIT")
                return "sqlite"
            except sqlite3.IntegrityError as e:
                # RAISE(ABORT) undid the fenced statement only: roll back the earlier ones
                self.sqlite.execute("ROLLBACK")
                if not str(e).startswith("sqlite2pg:"):
                    raise
                self.on_pg = True  # SQLite was cut over: switch now, retry once there
                self.fenced += 1
        with self.pg:  # commits, or rolls back if work raises
            work(self.pg.cursor(), "%s")
        return "postgresql"
# --- end ---


# --- README: SQLAlchemy router ---
class EngineRouter:
    """The same router for SQLAlchemy: two engines, and the one in use switched at run time."""

    def __init__(self, sqlite_path, pg_url, flag):
        self.sqlite = create_engine("sqlite:///" + sqlite_path, connect_args={"timeout": 5.0})
        self.pg = create_engine(pg_url)
        self.pg.connect().close()  # warm the pool before the cut-over
        self.engine = self.sqlite
        self.flag = flag
        self.fenced = 0

    def write(self, work):
        """Runs work(connection) in one transaction; returns the database that took it."""
        if self.engine is self.sqlite and os.path.exists(self.flag):
            self.engine = self.pg
        if self.engine is self.sqlite:
            try:
                with self.sqlite.begin() as c:  # the first statement writes: no stale snapshot
                    work(c)
                return "sqlite"
            except sqlalchemy.exc.IntegrityError as e:
                if not str(e.orig).startswith("sqlite2pg:"):
                    raise
                self.engine = self.pg  # begin() rolled the whole transaction back
                self.fenced += 1
        with self.pg.begin() as c:
            work(c)
        return "postgresql"
# --- end ---


class Worker(threading.Thread):
    def __init__(self, n, make_router, interval, stop, ledger):
        super().__init__(name="worker-%d" % n)
        self.n, self.make_router, self.interval, self.stop, self.ledger = n, make_router, interval, stop, ledger
        self.router = None  # made in the thread: a sqlite3 connection belongs to its thread
        self.last_sqlite = self.first_pg = None
        self.acked = self.failed = 0
        self.errors = []

    def order(self, i):
        token, sku = "w%d-%d" % (self.n, i), "SKU-%d" % (1 + (self.n * 7919 + i) % 100)
        at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(self.router, EngineRouter):
            def work(c):
                c.execute(text("INSERT INTO orders (token, sku, qty, placed_at)"
                               " VALUES (:t, :s, 1, :at)"), {"t": token, "s": sku, "at": at})
                c.execute(text("UPDATE stock SET qty = qty - 1 WHERE sku = :s"), {"s": sku})
        else:
            def work(cur, p):
                cur.execute("INSERT INTO orders (token, sku, qty, placed_at) VALUES (%s, %s, 1, %s)"
                            .replace("%s", p), (token, sku, at))
                cur.execute("UPDATE stock SET qty = qty - 1 WHERE sku = %s".replace("%s", p), (sku,))
        return token, work

    def run(self):
        self.router = self.make_router()
        next_at, i = time.monotonic(), 0
        while not os.path.exists(self.stop):
            i += 1
            token, work = self.order(i)
            try:
                side = self.router.write(work)
            except Exception as e:  # an unacknowledged write: not in the ledger
                self.failed += 1
                self.errors.append("%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0]))
                time.sleep(self.interval)
                continue
            now = time.monotonic()
            if side == "sqlite":
                self.last_sqlite = now
            elif self.first_pg is None:
                self.first_pg = now
            self.acked += 1
            self.ledger.record(token, side)
            next_at += self.interval
            time.sleep(max(0.0, next_at - time.monotonic()))


class Ledger:
    """Acknowledged writes, one line each: token, then the database that took it."""

    def __init__(self, path):
        self.f, self.lock = open(path, "w", buffering=1), threading.Lock()

    def record(self, token, side):
        with self.lock:
            self.f.write("%s\t%s\n" % (token, side))


def main():
    a = argparse.ArgumentParser()
    for name in ("sqlite_file", "pg_url", "flag", "stop", "ledger"):
        a.add_argument(name)
    a.add_argument("--workers", type=int, default=4)
    a.add_argument("--rate", type=float, default=200.0, help="writes per second, all workers")
    args = a.parse_args()
    ledger = Ledger(args.ledger)
    sa_url = args.pg_url.replace("postgresql://", "postgresql+psycopg2://", 1)
    workers = []
    for n in range(args.workers):
        if n % 2 == 0:
            make = lambda: Router(args.sqlite_file, args.pg_url, args.flag)
        else:
            make = lambda: EngineRouter(args.sqlite_file, sa_url, args.flag)
        workers.append(Worker(n, make, args.workers / args.rate, args.stop, ledger))
    print("app: %d workers (sqlite3: even, SQLAlchemy %s: odd), %.0f writes/s"
          % (args.workers, sqlalchemy.__version__, args.rate), flush=True)
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    report(workers)
    return 0 if all(w.router is not None for w in workers) else 1


def report(workers):
    gaps = []
    for w in workers:
        if w.router is None:
            print("app: %s could not connect" % w.name)
            continue
        if w.last_sqlite is not None and w.first_pg is not None:
            gap = (w.first_pg - w.last_sqlite) * 1000
            gaps.append(gap)
            print("app: %s (%s): %d writes; pause %.1f ms between its last SQLite and first"
                  " PostgreSQL write; %d fenced and retried"
                  % (w.name, type(w.router).__name__, w.acked, gap, w.router.fenced))
        else:
            print("app: %s: %d writes; never switched" % (w.name, w.acked))
        for e in w.errors[:3]:
            print("app: %s failed write: %s" % (w.name, e))
    print("app: %d writes acknowledged, %d failed, %d fenced writes retried on PostgreSQL"
          % (sum(w.acked for w in workers), sum(w.failed for w in workers),
             sum(w.router.fenced for w in workers if w.router)))
    if gaps:
        print("app: pause seen by the application: %.1f ms (largest of %d workers)"
              % (max(gaps), len(gaps)))


if __name__ == "__main__":
    sys.exit(main())
