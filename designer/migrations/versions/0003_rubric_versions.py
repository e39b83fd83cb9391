"""Rubrics written in the browser, one row per saved version.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rubric_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rubric_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("tests_text", sa.Text, nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("rubric_id", "version", name="uq_rubric_versions_id_version"),
    )
    op.create_index("ix_rubric_versions_rubric_id", "rubric_versions", ["rubric_id"])
    op.create_index("ix_rubric_versions_author_id", "rubric_versions", ["author_id"])


def downgrade() -> None:
    op.drop_index("ix_rubric_versions_author_id", "rubric_versions")
    op.drop_index("ix_rubric_versions_rubric_id", "rubric_versions")
    op.drop_table("rubric_versions")
