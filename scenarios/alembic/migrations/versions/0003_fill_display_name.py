"""fill authors.display_name from name, then make it NOT NULL (a data migration; on SQLite
batch mode rebuilds the table, so display_name becomes the table's last column there too)

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    authors = sa.table("authors", sa.column("name", sa.String), sa.column("display_name", sa.String))
    op.execute(authors.update().where(authors.c.display_name.is_(None)).values(display_name=sa.func.upper(authors.c.name)))
    with op.batch_alter_table("authors") as batch:
        batch.alter_column("display_name", existing_type=sa.String(120), nullable=False)


def downgrade():
    with op.batch_alter_table("authors") as batch:
        batch.alter_column("display_name", existing_type=sa.String(120), nullable=True)
