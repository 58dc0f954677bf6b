"""The application's models at head (SQLAlchemy 1.4, Debian 12's python3-sqlalchemy)."""
import uuid

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.types import CHAR, TypeDecorator


class GUID(TypeDecorator):
    """Platform-independent GUID type: PostgreSQL's UUID, otherwise CHAR(32) storing the 32 hex
    digits. The recipe of the SQLAlchemy 1.4 documentation, "Backend-agnostic GUID Type"
    (https://docs.sqlalchemy.org/en/14/core/custom_types.html#backend-agnostic-guid-type)."""

    impl = CHAR
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.UUID())
        return dialect.type_descriptor(CHAR(32))

    def process_bind_param(self, value, dialect):
        if value is None:
            return value
        if dialect.name == "postgresql":
            return str(value)
        if not isinstance(value, uuid.UUID):
            return "%.32x" % uuid.UUID(value).int
        return "%.32x" % value.int

    def process_result_value(self, value, dialect):
        if value is None:
            return value
        if not isinstance(value, uuid.UUID):
            value = uuid.UUID(value)
        return value


# JSONB on PostgreSQL, JSON (text) elsewhere: the usual variant.
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
# BIGINT key on PostgreSQL; SQLite only auto-increments an INTEGER PRIMARY KEY.
BigKey = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

STATUS = ("draft", "published", "archived")
EVENT_KIND = ("created", "viewed", "shared", "deleted")

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(100), nullable=False)
    email = sa.Column(sa.String(255), unique=True)
    mentor_id = sa.Column(sa.Integer, sa.ForeignKey("authors.id"))  # self-referencing
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    born = sa.Column(sa.Date)
    display_name = sa.Column(sa.String(120), nullable=False)  # revision 2, filled by revision 3
    mentor = relationship("Author", remote_side=[id])


class Document(Base):
    __tablename__ = "documents"
    id = sa.Column(GUID(), primary_key=True, default=uuid.uuid4)
    author_id = sa.Column(sa.Integer, sa.ForeignKey("authors.id"), nullable=False)
    title = sa.Column(sa.String(200), nullable=False)
    status = sa.Column(sa.Enum(*STATUS, name="document_status"), nullable=False, default="draft")
    body = sa.Column(sa.Text)
    payload = sa.Column(Json)
    attachment = sa.Column(sa.LargeBinary)
    price = sa.Column(sa.Numeric(12, 4))
    reading_time = sa.Column(sa.Interval)
    publish_at = sa.Column(sa.Time)
    published_on = sa.Column(sa.Date)
    created_at = sa.Column(sa.DateTime(timezone=True), nullable=False)
    updated_at = sa.Column(sa.DateTime(timezone=True))
    views = sa.Column(sa.BigInteger, nullable=False, default=0)
    score = sa.Column(sa.Float)
    featured = sa.Column(sa.Boolean)
    slug = sa.Column(sa.String(220))  # revision 2


class Tagging(Base):
    """A composite primary key."""

    __tablename__ = "taggings"
    document_id = sa.Column(GUID(), sa.ForeignKey("documents.id"), primary_key=True)
    tag = sa.Column(sa.String(50), primary_key=True)
    position = sa.Column(sa.SmallInteger, nullable=False)


class Event(Base):
    __tablename__ = "events"
    id = sa.Column(BigKey, primary_key=True)
    document_id = sa.Column(GUID(), sa.ForeignKey("documents.id"), nullable=False)
    kind = sa.Column(sa.Enum(*EVENT_KIND, name="event_kind"), nullable=False)
    at = sa.Column(sa.DateTime(timezone=True), nullable=False)
    duration = sa.Column(sa.Interval)
    meta = sa.Column(Json)
