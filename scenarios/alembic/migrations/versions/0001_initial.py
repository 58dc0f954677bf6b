"""initial schema, and the system author every installation starts with

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

from app.models import GUID, BigKey, Json

revision = "0001"
down_revision = None


def upgrade():
    authors = op.create_table(
        "authors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(255), unique=True),
        sa.Column("mentor_id", sa.Integer, sa.ForeignKey("authors.id")),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("born", sa.Date),
    )
    op.create_table(
        "documents",
        sa.Column("id", GUID(), primary_key=True),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("authors.id"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("status", sa.Enum("draft", "published", "archived", name="document_status"), nullable=False),
        sa.Column("body", sa.Text),
        sa.Column("payload", Json),
        sa.Column("attachment", sa.LargeBinary),
        sa.Column("price", sa.Numeric(12, 4)),
        sa.Column("reading_time", sa.Interval),
        sa.Column("publish_at", sa.Time),
        sa.Column("published_on", sa.Date),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.Column("views", sa.BigInteger, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("featured", sa.Boolean),
    )
    op.create_index("ix_documents_author_id", "documents", ["author_id"])
    op.create_table(
        "taggings",
        sa.Column("document_id", GUID(), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("tag", sa.String(50), primary_key=True),
        sa.Column("position", sa.SmallInteger, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", BigKey, primary_key=True),
        sa.Column("document_id", GUID(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("kind", sa.Enum("created", "viewed", "shared", "deleted", name="event_kind"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration", sa.Interval),
        sa.Column("meta", Json),
    )
    # Seed data written by the migration itself: on PostgreSQL this row exists before any load.
    op.bulk_insert(authors, [{"id": 1, "name": "system", "email": None, "active": True}])


def downgrade():
    for table in ("events", "taggings", "documents", "authors"):
        op.drop_table(table)
    sa.Enum(name="event_kind").drop(op.get_bind(), checkfirst=True)
    sa.Enum(name="document_status").drop(op.get_bind(), checkfirst=True)
