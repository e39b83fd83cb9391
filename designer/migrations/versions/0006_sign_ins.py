"""Sign-ins the server can end and count together:

* a number per account that every sign-in carries in its cookie: signing out (or a new password, or
  the account turned off) moves it on, so a copy of an older cookie no longer signs anyone in;
* the sign-in attempts of the last minute, so every worker counts them together without Redis.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("sign_in_epoch", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
    )
    op.create_index("ix_sign_in_attempts_key", "sign_in_attempts", ["key"])
    op.create_index("ix_sign_in_attempts_at", "sign_in_attempts", ["at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_attempts_at", table_name="sign_in_attempts")
    op.drop_index("ix_sign_in_attempts_key", table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("sign_in_epoch")
