"""Boards and panels compressed with lz4 on PostgreSQL (where the server has it), not pglz.

Every autosave writes the board twice (the session and its revision), each ~10 KB of JSON that
PostgreSQL compresses before it is stored: lz4 does it in a fraction of pglz's time (a 50-box board
saved with its revision: 0.39 against 0.55 ms of the server's time, measured 2026-12-02). Only new
values are written with it; what is stored stays readable as it is. SQLite has no such setting.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = (("sessions", "board"), ("sessions", "panels"), ("revisions", "board"), ("revisions", "panels"))


def _set(method: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # a server built without lz4 offers only pglz: then nothing changes
    offered = bind.execute(
        sa.text("SELECT :method = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"),
        {"method": method},
    ).scalar()
    if not offered:
        return
    for table, column in _COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    _set("lz4")


def downgrade() -> None:
    _set("pglz")
