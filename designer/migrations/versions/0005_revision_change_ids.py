"""The id a page gives each change it saves, kept with the revision it made, so a change sent twice
(resent after a reload while the first try was on its way) is one revision, not a conflict.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("change_id", sa.String(64), nullable=True))
    op.create_index("ix_revisions_session_change", "revisions", ["session_id", "change_id"])


def downgrade() -> None:
    op.drop_index("ix_revisions_session_change", table_name="revisions")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("change_id")
