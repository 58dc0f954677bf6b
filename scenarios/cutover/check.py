"""The application's ledger against PostgreSQL: every acknowledged write is there exactly once, none
is there that was not acknowledged, and the stock moved by exactly one unit per write (the second
statement of each transaction).

  check.py LEDGER PG_DSN"""
import collections, sys

import psycopg2

ledger_path, dsn = sys.argv[1], sys.argv[2]
ledger = [line.rstrip("\n").split("\t") for line in open(ledger_path)]
sides = collections.Counter(side for _, side in ledger)
acked = collections.Counter(token for token, _ in ledger)
problems = ["ledger lists %s %d times" % (t, n) for t, n in acked.items() if n > 1]
with psycopg2.connect(dsn) as c, c.cursor() as cur:
    cur.execute("SELECT token, count(*) FROM orders WHERE token NOT LIKE 'seed-%' GROUP BY token")
    in_pg = dict(cur.fetchall())
    cur.execute("SELECT count(*) FROM orders WHERE token LIKE 'seed-%'")
    seeds = cur.fetchone()[0]
    cur.execute("SELECT sum(qty) FROM stock")
    stock = cur.fetchone()[0]
lost = sorted(set(acked) - set(in_pg))
extra = sorted(set(in_pg) - set(acked))
twice = sorted(t for t, n in in_pg.items() if n > 1)
if lost:
    problems.append("%d acknowledged writes missing from PostgreSQL, e.g. %s" % (len(lost), lost[:5]))
if extra:
    problems.append("%d writes in PostgreSQL that were never acknowledged, e.g. %s" % (len(extra), extra[:5]))
if twice:
    problems.append("%d writes in PostgreSQL more than once, e.g. %s" % (len(twice), twice[:5]))
if seeds != 1000:
    problems.append("%d seeded orders in PostgreSQL, expected 1000" % seeds)
if stock != 100 * 1000000 - len(ledger):
    problems.append("stock is %d, expected %d (one unit per write)" % (stock, 100 * 1000000 - len(ledger)))
if not sides["sqlite"] or not sides["postgresql"]:
    problems.append("the writes did not go to both databases: %s" % dict(sides))
for p in problems:
    print(p)
if problems:
    sys.exit(1)
print("ledger = PostgreSQL: %d acknowledged writes (%d to SQLite, %d to PostgreSQL), each there"
      " exactly once, none extra; stock down by %d" % (len(ledger), sides["sqlite"], sides["postgresql"], len(ledger)))
