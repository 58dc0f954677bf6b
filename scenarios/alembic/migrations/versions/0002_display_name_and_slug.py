"""authors.display_name and documents.slug, nullable for now

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("authors", sa.Column("display_name", sa.String(120)))
    op.add_column("documents", sa.Column("slug", sa.String(220)))


def downgrade():
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("slug")
    with op.batch_alter_table("authors") as batch:
        batch.drop_column("display_name")
