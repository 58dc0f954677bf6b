"""How Prisma Client reads each SQLite value (see sqlite-data.sql for how it wrote them), for
lib/python/fixture_check.py; PostgreSQL must hold the same value in the application's type."""
from decimal import Decimal

from fixture_check import epoch_ms


def same(v):
    return v


def boolean(v):
    return None if v is None else {1: True, 0: False}[v]


def decimal(v):  # DECIMAL(65,30): the number SQLite holds, as its shortest decimal text
    return None if v is None else Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


def floating(v):
    return None if v is None else float(v)


def blob(v):
    return None if v is None else bytes(v)


TABLES = [
    ("User", ["id"], {"id": same, "email": same, "name": same, "role": same, "active": boolean, "balance": decimal,
                      "karma": same, "createdAt": epoch_ms, "updatedAt": epoch_ms}),
    ("Post", ["id"], {"id": same, "title": same, "content": same, "published": boolean, "rating": floating,
                      "cover": blob, "publishedAt": epoch_ms, "authorId": same}),
]
CREATE = [
    ("Post", """INSERT INTO "Post" (title, "authorId") VALUES ('new', 'clr0000000000000000000001') RETURNING id""",
     "SELECT max(seq) FROM sqlite_sequence WHERE name = 'Post'"),
]
# applied, not rolled back: each migration once, with the checksum of its migration.sql
HISTORY = (
    "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
)
