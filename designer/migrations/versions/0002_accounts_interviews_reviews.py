"""Accounts, interviews, shares, reviews and their audit trail; who owns and grades each session.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_users_email", "users", ["email"], unique=True)
    op.create_table(
        "interviews",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("problem_id", sa.String(200), nullable=False),
        sa.Column("rubric_id", sa.String(200), nullable=False),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("interviewer_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("candidate_name", sa.String(200), nullable=False),
        sa.Column("candidate_email", sa.String(320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), nullable=True),
    )
    op.create_index("ix_interviews_interviewer_id", "interviews", ["interviewer_id"])
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(
            sa.Column(
                "owner_id", sa.Integer, sa.ForeignKey("users.id", name="fk_sessions_owner"), nullable=True
            )
        )
        batch.add_column(sa.Column("interview_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("rubric_id", sa.String(200), nullable=True))
        batch.add_column(sa.Column("rubric_version", sa.Integer, nullable=True))
        batch.add_column(sa.Column("score", sa.Float, nullable=True))
        batch.add_column(sa.Column("points", sa.JSON, nullable=True))
    op.create_index("ix_sessions_owner_id", "sessions", ["owner_id"])
    op.create_index("ix_sessions_interview_id", "sessions", ["interview_id"])
    op.create_index("ix_sessions_rubric_id", "sessions", ["rubric_id"])
    op.create_index("ix_sessions_score", "sessions", ["score"])
    # the session list pages newest first; these keep a page an index walk at 10,000 sessions
    op.create_index("ix_sessions_updated_at", "sessions", ["updated_at", "id"])
    op.create_index("ix_sessions_started_at", "sessions", ["started_at", "id"])
    op.create_table(
        "session_shares",
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
    )
    op.create_index("ix_session_shares_user_id", "session_shares", ["user_id"])
    op.create_table(
        "reviews",
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), primary_key=True),
        sa.Column("manual", sa.JSON, nullable=False),
        sa.Column("overrides", sa.JSON, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("recommendation", sa.String(30), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
    )
    op.create_index("ix_audit_events_session_id", "audit_events", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_session_id", "audit_events")
    op.drop_table("audit_events")
    op.drop_table("reviews")
    op.drop_index("ix_session_shares_user_id", "session_shares")
    op.drop_table("session_shares")
    for name in ("started_at", "updated_at", "score", "rubric_id", "interview_id", "owner_id"):
        op.drop_index(f"ix_sessions_{name}", "sessions")
    with op.batch_alter_table("sessions") as batch:
        for column in ("points", "score", "rubric_version", "rubric_id", "interview_id", "owner_id"):
            batch.drop_column(column)
    op.drop_index("ix_interviews_interviewer_id", "interviews")
    op.drop_table("interviews")
    op.drop_index("ix_users_email", "users")
    op.drop_table("users")
