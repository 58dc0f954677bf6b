"""How ActiveRecord 7.0 reads each SQLite value (see sqlite-data.sql for how it wrote them), for
lib/python/fixture_check.py; PostgreSQL must hold the same value in the application's type."""
import datetime as dt
import json
from decimal import Decimal

from fixture_check import utc_naive_from_text


def same(v):
    return v


def boolean(v):  # 1/0 (Rails >= 6.0)
    return None if v is None else {1: True, 0: False}[v]


def decimal2(v):  # numeric(10,2): the float the adapter stored, read back at scale 2
    return None if v is None else Decimal(repr(float(v))).quantize(Decimal("0.01"))


def date(v):
    return None if v is None else dt.date.fromisoformat(v)


def time_of_day(v):  # '2000-01-01 HH:MM:SS[.ffffff]' (SQLite3::Quoting#quoted_time)
    return None if v is None else dt.datetime.fromisoformat(v).time()


def json_text(v):
    return None if v is None else json.loads(v)


def blob(v):
    return None if v is None else bytes(v)


def floating(v):
    return None if v is None else float(v)


TABLES = [
    ("users", ["id"], {"id": same, "email": same, "name": same, "admin": boolean, "balance": decimal2,
                       "born_on": date, "wakes_at": time_of_day, "settings": json_text, "avatar": blob,
                       "login_count": same, "created_at": utc_naive_from_text, "updated_at": utc_naive_from_text}),
    ("posts", ["id"], {"id": same, "user_id": same, "title": same, "body": same, "published": boolean,
                       "score": floating, "created_at": utc_naive_from_text, "updated_at": utc_naive_from_text}),
    ("ar_internal_metadata", ["key"], {"key": same, "value": same}),
]
CREATE = [
    ("users", "INSERT INTO users (email, created_at, updated_at) VALUES ('new@example.com', now(), now()) RETURNING id",
     "SELECT max(seq) FROM sqlite_sequence WHERE name = 'users'"),  # AUTOINCREMENT: never reuse 250
    ("posts", "INSERT INTO posts (user_id, title, created_at, updated_at) VALUES (1, 'new', now(), now()) RETURNING id",
     "SELECT max(seq) FROM sqlite_sequence WHERE name = 'posts'"),
]
HISTORY = ("SELECT version FROM schema_migrations", "SELECT version FROM schema_migrations")
