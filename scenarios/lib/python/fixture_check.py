"""Checks for the fixture scenarios (rails, prisma), whose frameworks are not installable here:
each table's rows are read from SQLite with the framework's documented reading rules (the
scenario's `expect` converters) and from PostgreSQL with psycopg2, and compared value by value.

  fixture_check.py SPEC.py compare SQLITE PG_DSN   every row, every column; each difference printed
  fixture_check.py SPEC.py create  SQLITE PG_DSN   the spec's INSERTs (no key given) must not collide
  fixture_check.py SPEC.py history SQLITE PG_DSN   the migration history: the same migrations applied

SPEC.py defines TABLES = [(table, key_columns, {column: expect(sqlite_value) -> python value})],
CREATE = [(table, insert_sql returning the key, sqlite query of the highest key or mark)], HISTORY = (sqlite_query, pg_query), both giving comparable rows.
"""
import datetime as dt
import os
import runpy
import sqlite3
import struct
import sys
from decimal import Decimal

import psycopg2
import psycopg2.extras

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jsoncanon import canon  # noqa: E402

MAX_SHOWN = int(os.environ.get("SCENARIO_MAX_DIFFS", "60"))


def q(name):
    return '"' + name.replace('"', '""') + '"'


def norm(v):
    if isinstance(v, memoryview):
        return bytes(v)
    if isinstance(v, float):
        return ("float", struct.pack(">d", v).hex(), v)
    if isinstance(v, (dict, list)):
        return ("json", canon(v))
    if isinstance(v, Decimal):
        return ("decimal", v.normalize())  # numeric(65,30) and numeric(10,2) pad differently
    return v


def compare(spec, sqlite_path, dsn):
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    dst = psycopg2.connect(dsn)
    psycopg2.extras.register_default_jsonb(dst)
    diffs = total = 0

    def report(text):
        nonlocal diffs
        diffs += 1
        if diffs <= MAX_SHOWN:
            print(text)

    for table, keys, columns in spec["TABLES"]:
        cols = list(columns)
        # each column's SQL NULL-ness too: JSON null ('null' text on SQLite) must stay JSON null
        sel = ", ".join(q(c) for c in cols) + ", " + ", ".join(f"{q(c)} IS NULL" for c in cols)
        srows = {tuple(r[cols.index(k)] for k in keys): r for r in src.execute(f"SELECT {sel} FROM {q(table)}")}
        cur = dst.cursor()
        cur.execute(f"SELECT {sel} FROM {q(table)}")
        drows = {tuple(r[cols.index(k)] for k in keys): r for r in cur.fetchall()}
        # keys compared through the same converters (a text key stays text, an integer integer)
        conv = {k: tuple(columns[c](v) for c, v in zip(keys, k)) for k in srows}
        back = {v: k for k, v in conv.items()}
        total += len(srows)
        missing = [k for k in srows if conv[k] not in drows]
        extra = [k for k in drows if k not in back]
        if missing:
            report(f"{table}: {len(missing)} of {len(srows)} rows missing on postgres, key={sorted(missing, key=str)[:3]}")
        if extra:
            report(f"{table}: {len(extra)} rows on postgres that sqlite lacks, key={sorted(extra, key=str)[:3]}")
        for k, srow in srows.items():
            drow = drows.get(conv[k])
            if drow is None:
                continue
            for i, c in enumerate(cols):
                want = columns[c](srow[i])
                got = drow[i]
                if norm(want) != norm(got) or type(norm(want)) is not type(norm(got)):
                    report(f"{table} key={k} {c}: sqlite {srow[i]!r} should read as {want!r}; postgres has {got!r}")
                elif bool(srow[len(cols) + i]) != bool(drow[len(cols) + i]):
                    report(f"{table} key={k} {c}: SQL NULL on {'sqlite' if srow[len(cols) + i] else 'postgres'} only "
                           f"(the other holds {srow[i] if drow[len(cols) + i] else 'a JSON null'!r})")
    if diffs:
        print(f"{diffs} differences over {total} rows")
        return 1
    print(f"{total} rows of {len(spec['TABLES'])} tables equal value by value")
    return 0


def create(spec, sqlite_path, dsn):
    dst = psycopg2.connect(dsn)
    dst.autocommit = True
    failures = 0
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    for table, sql, highest_sql in spec["CREATE"]:
        highest = src.execute(highest_sql).fetchone()[0] or 0
        try:
            with dst.cursor() as cur:
                cur.execute(sql)
                key = cur.fetchone()[0]
            if key <= highest:
                failures += 1
                print(f"{table}: the new row got key {key}, not past {highest} (the source's highest key or AUTOINCREMENT mark)")
            else:
                print(f"{table}: new row {key}, past {highest}")
        except psycopg2.Error as e:
            failures += 1
            print(f"{table}: {type(e).__name__}: {str(e).splitlines()[0]}")
    if failures:
        print(f"{failures} failures inserting new rows on postgres")
        return 1
    print(f"a new row in each of {len(spec['CREATE'])} tables on postgres, keys past the migrated ones")
    return 0


def history(spec, sqlite_path, dsn):
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    dst = psycopg2.connect(dsn)
    s = sorted(tuple(r) for r in src.execute(spec["HISTORY"][0]))
    cur = dst.cursor()
    cur.execute(spec["HISTORY"][1])
    d = sorted(tuple(r) for r in cur.fetchall())
    if s != d:
        print(f"migration history differs: sqlite {s} postgres {d}")
        return 1
    print(f"migration history: the same {len(s)} migrations applied, each once")
    return 0


def utc_naive_from_text(v):
    """'YYYY-MM-DD HH:MM:SS[.ffffff]' as written by Rails (UTC) and by SQLite's CURRENT_TIMESTAMP."""
    return None if v is None else dt.datetime.fromisoformat(v)


def epoch_ms(v):
    """Prisma's native SQLite connector: integer milliseconds since the epoch, UTC; a text value is
    SQLite's CURRENT_TIMESTAMP default, which Prisma reads as well (prisma/prisma-engines#1564)."""
    if v is None:
        return None
    if isinstance(v, str):
        return dt.datetime.fromisoformat(v)
    return dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=v)


if __name__ == "__main__":
    spec_path, cmd, sqlite_path, dsn = sys.argv[1:5]
    spec = runpy.run_path(spec_path)
    sys.exit({"compare": compare, "create": create, "history": history}[cmd](spec, sqlite_path, dsn))
