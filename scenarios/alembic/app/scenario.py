"""The alembic scenario's steps that use the application's models:

  scenario.py seed     SQLITE_URL           step 2: deterministic data with edge values
  scenario.py compare  SQLITE_URL PG_URL    step 5a: every object of every model, field by field
  scenario.py create   SQLITE_URL PG_URL              step 5b: one new object of every model on PostgreSQL
  scenario.py current  PG_URL               step 5c: alembic's current revision is the head
"""
import datetime as dt
import os
import random
import struct
import sys
import uuid
import warnings
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lib", "python"))
from jsoncanon import canon  # noqa: E402
from app.models import EVENT_KIND, STATUS, Author, Base, Document, Event, Tagging  # noqa: E402

UTC = dt.timezone.utc
# Numeric on SQLite goes through float; 12 significant digits survive it (documented warning).
warnings.filterwarnings("ignore", message=r"Dialect sqlite\+pysqlite does \*not\* support Decimal")
MAX_SHOWN = int(os.environ.get("SCENARIO_MAX_DIFFS", "60"))

DOC_EDGES = [
    dict(title="t" * 200, body="", price=Decimal("99999999.9999"), score=0.1),
    dict(title="Ünïcödé 日本語 🎉", body="line1\nline2\r\n\t'q' \"dq\" \\", price=Decimal("-99999999.9999"), score=-0.0),
    dict(title="tiny", price=Decimal("0.0001"), score=5e-324, featured=True),
    dict(title="zero", price=Decimal("0"), score=1.7976931348623157e308, featured=False),
    dict(title="inf", score=float("inf"), featured=None),
    dict(title="interval-0", reading_time=dt.timedelta(0)),
    dict(title="interval-neg", reading_time=dt.timedelta(microseconds=-1)),
    dict(title="interval-negday", reading_time=dt.timedelta(days=-3, seconds=7, microseconds=5)),
    dict(title="interval-sub", reading_time=dt.timedelta(microseconds=999999)),
    dict(title="interval-big", reading_time=dt.timedelta(days=100000, seconds=86399, microseconds=999999)),
    dict(title="time-0", publish_at=dt.time(0, 0), published_on=dt.date(1, 1, 1)),
    dict(title="time-max", publish_at=dt.time(23, 59, 59, 999999), published_on=dt.date(9999, 12, 31)),
    dict(title="time-us", publish_at=dt.time(12, 0, 0, 1), published_on=dt.date(2024, 2, 29)),
    dict(title="ts-min", created_at=dt.datetime(1, 1, 1, tzinfo=UTC)),
    dict(title="ts-max", created_at=dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    dict(title="ts-epoch", created_at=dt.datetime(1970, 1, 1, tzinfo=UTC), updated_at=dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    dict(title="json-nested", payload={"a": [1, 2.5, None, True], "ü": {"日本": "🎉", "deep": [[{}]]}}),
    dict(title="json-list", payload=[1, "two", {"three": 3.0}]),
    dict(title="json-scalar", payload="just a string"),
    dict(title="json-bigint", payload=12345678901234567890),
    dict(title="json-null", payload=None),  # JSON null: none_as_null is False (SQLAlchemy default)
    dict(title="sql-null", payload=sa.null()),  # SQL NULL
    dict(title="blob-empty", attachment=b""),
    dict(title="blob-bytes", attachment=bytes(range(256))),
    dict(title="blob-nul", attachment=b"\x00"),
    dict(title="views-max", views=9223372036854775807),
    dict(title="views-min", views=-9223372036854775808),
]


def engine(url):
    return sa.create_engine(url, future=True)


def seed(url):
    rng = random.Random(7)
    with Session(engine(url)) as s, s.begin():
        system = s.get(Author, 1)
        authors = [system]
        for i in range(60):
            a = Author(name=f"author {i} ñ" if i % 5 else "O'Brien 李", email=None if i % 9 == 0 else f"a{i}@example.com",
                       mentor=rng.choice(authors + [None]), active=i % 4 != 0,
                       born=None if i % 3 == 0 else dt.date(1950 + i, 1 + i % 12, 1 + i % 28), display_name=f"Author {i}")
            s.add(a)
            authors.append(a)
        s.flush()
        docs = []
        for i, edge in enumerate(DOC_EDGES + [{}] * 200):
            d = dict(id=uuid.UUID(int=rng.getrandbits(128)), author=None, title=f"doc {i}", status=STATUS[i % 3],
                     body=" ".join(rng.choice(["alpha", "βeta", "γ"]) for _ in range(rng.randint(0, 20))),
                     payload={"i": i, "r": rng.random()}, attachment=bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 40))),
                     price=Decimal(rng.randint(-(10**12) + 1, 10**12 - 1)).scaleb(-4),
                     reading_time=dt.timedelta(microseconds=rng.randint(-(10**11), 10**12)),
                     publish_at=dt.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999)),
                     published_on=dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 9000)),
                     created_at=dt.datetime(2020, 1, 1, tzinfo=UTC) + dt.timedelta(microseconds=rng.randint(0, 10**14)),
                     updated_at=None if i % 2 else dt.datetime(2024, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=i, microseconds=i),
                     views=rng.randint(0, 10**12), score=rng.uniform(-1e3, 1e3), featured=[True, False, None][i % 3],
                     slug=None if i % 10 == 0 else f"doc-{i}")
            d.update(edge)
            d.pop("author")
            doc = Document(**d)
            doc.author_id = rng.choice(authors).id
            s.add(doc)
            docs.append(doc)
        s.flush()
        for doc in docs[:150]:
            for pos, tag in enumerate(rng.sample(["news", "tech", "ünï", "long-" + "x" * 40, "a"], rng.randint(0, 4))):
                s.add(Tagging(document_id=doc.id, tag=tag, position=[-32768, 32767, pos][pos % 3]))
        for i in range(300):
            s.add(Event(document_id=rng.choice(docs).id, kind=EVENT_KIND[i % 4],
                        at=dt.datetime(2024, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=i * 61, microseconds=i * 7),
                        duration=None if i % 5 == 0 else dt.timedelta(milliseconds=rng.randint(-1000, 10**8)),
                        meta=sa.null() if i % 7 == 0 else {"n": i, "ok": i % 2 == 0}))
    with Session(engine(url)) as s:
        counts = {m.__tablename__: s.query(m).count() for m in (Author, Document, Tagging, Event)}
        kept = s.query(Document.score).filter_by(title="Ünïcödé 日本語 🎉").scalar()
    print(f"seeded {counts}; -0.0 read back as {kept!r}")


def norm(value):
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, float):
        return ("float", struct.pack(">d", value).hex(), value)
    return value


def same(column, a, b):
    """SQLite keeps no zone: SQLAlchemy's SQLite DateTime stores the wall time it is given and
    reads it back naive (https://docs.sqlalchemy.org/en/14/dialects/sqlite.html#date-and-time-types);
    the application writes UTC, so a naive SQLite value means UTC. PostgreSQL must give it aware."""
    if isinstance(column.type, sa.DateTime) and column.type.timezone and a is not None and a.tzinfo is None:
        a = a.replace(tzinfo=UTC)
        return b is not None and b.tzinfo is not None and a == b
    if isinstance(getattr(column.type, "impl", column.type), sa.JSON):  # with_variant: impl is sa.JSON
        return canon(a) == canon(b)
    a, b = norm(a), norm(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, Decimal):
        return a == b and str(a) == str(b)
    return a == b


def compare(sqlite_url, pg_url):
    diffs = total = 0

    def report(text):
        nonlocal diffs
        diffs += 1
        if diffs <= MAX_SHOWN:
            print(text)

    src_e, dst_e = engine(sqlite_url), engine(pg_url)
    with Session(src_e) as src, Session(dst_e) as dst:
        for mapper in Base.registry.mappers:
            cls = mapper.class_
            keycols = mapper.primary_key
            rows = [{tuple(getattr(o, c.key) for c in keycols): o for o in sess.query(cls)} for sess in (src, dst)]
            total += len(rows[0])
            missing = sorted(set(rows[0]) - set(rows[1]), key=str)
            extra = sorted(set(rows[1]) - set(rows[0]), key=str)
            if missing:
                report(f"{cls.__name__}: {len(missing)} of {len(rows[0])} objects missing on postgres, pk={missing[:3]}")
            if extra:
                report(f"{cls.__name__}: {len(extra)} objects on postgres that sqlite lacks, pk={extra[:3]}")
            for pk in sorted(set(rows[0]) & set(rows[1]), key=str):
                for col in mapper.columns:
                    a, b = getattr(rows[0][pk], col.key), getattr(rows[1][pk], col.key)
                    if not same(col, a, b):
                        report(f"{cls.__name__} pk={pk} {col.key}: sqlite={norm(a)!r} postgres={norm(b)!r}")
        # JSON null and SQL NULL both read as None; the SQL tells them apart.
        for table, col in (("documents", "payload"), ("events", "meta")):
            q = sa.text(f"SELECT count(*) FROM {table} WHERE {col} IS NULL")
            n = [sess.execute(q).scalar() for sess in (src, dst)]
            if n[0] != n[1]:
                report(f"{table}.{col}: {n[0]} SQL NULLs on sqlite, {n[1]} on postgres (the others are JSON null or values)")
        versions = [sess.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() for sess in (src, dst)]
        if versions[0] != versions[1]:
            report(f"alembic_version: sqlite={versions[0]} postgres={versions[1]}")
    if diffs:
        print(f"{diffs} differences over {total} objects")
        return 1
    print(f"{total} objects of {len(Base.registry.mappers)} models equal field by field")
    return 0


def create(sqlite_url, pg_url):
    failures = []
    with Session(engine(pg_url)) as s:
        before = {m: s.query(m).count() for m in (Author, Document, Tagging, Event)}
    steps = [
        ("Author", lambda s: Author(name="new", email="new@example.com", active=True, display_name="New", mentor_id=1)),
        ("Document", lambda s: Document(author_id=1, title="new", status="published", created_at=dt.datetime.now(UTC),
                                        reading_time=dt.timedelta(minutes=3), publish_at=dt.time(9, 30))),
        ("Tagging", lambda s: Tagging(document_id=s.query(Document.id).filter_by(title="new").scalar(), tag="new", position=1)),
        ("Event", lambda s: Event(document_id=s.query(Document.id).filter_by(title="new").scalar(), kind="viewed",
                                  at=dt.datetime.now(UTC), duration=dt.timedelta(seconds=1), meta={"new": True})),
    ]
    with Session(engine(sqlite_url)) as s:
        highest = {"Author": s.query(sa.func.max(Author.id)).scalar(), "Event": s.query(sa.func.max(Event.id)).scalar()}
    for name, make in steps:
        try:
            with Session(engine(pg_url)) as s, s.begin():
                obj = make(s)
                s.add(obj)
                s.flush()
                if name in highest and obj.id <= highest[name]:
                    failures.append(f"{name}: the new object got id {obj.id}, not past the source's highest {highest[name]}")
        except Exception as e:  # noqa: BLE001 - each failure reported in one line
            failures.append(f"{name}: {type(e).__name__}: {str(e).splitlines()[0]}")
    with Session(engine(pg_url)) as s:
        for m, n in before.items():
            if s.query(m).count() != n + 1:
                failures.append(f"{m.__name__}: {n} objects before, {s.query(m).count()} after (expected one new)")
    for line in failures:
        print(line)
    if failures:
        print(f"{len(failures)} failures creating new objects on postgres")
        return 1
    print(f"one new object of each of {len(before)} models created on postgres")
    return 0


def current(pg_url):
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    head = ScriptDirectory.from_config(Config(os.path.join(here, "alembic.ini"))).get_current_head()
    with engine(pg_url).connect() as c:
        cur = MigrationContext.configure(c).get_current_revision()
    print(f"alembic current on postgres: {cur}; head: {head}")
    return 0 if cur == head else 1


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    sys.exit({"seed": seed, "compare": compare, "create": create, "current": current}[cmd](*args) or 0)
