"""The database tables: sessions and their revisions (SQLModel, migrated with Alembic)."""

from __future__ import annotations

__all__ = ["SessionRow", "RevisionRow", "utcnow"]

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class SessionRow(SQLModel, table=True):
    """One candidate's attempt at one problem: the newest board, panels and steps, and its revision."""

    __tablename__ = "sessions"

    id: str = Field(primary_key=True, max_length=64)
    problem_id: str = Field(max_length=200, index=True)
    title: str = Field(default="", max_length=500)
    mode: str = Field(default="practice", max_length=20)
    status: str = Field(default="open", max_length=20)
    duration_minutes: int = 45
    candidate: str = Field(default="", max_length=200)
    revision: int = 0
    started_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    submitted_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    board: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    panels: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    steps: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    #: ``meta`` of the session file, and under ``"extras"`` its unknown top-level keys.
    meta: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class RevisionRow(SQLModel, table=True):
    """One save: the session file's ``history``, one row each.

    A revision stores what it changed: ``board`` or ``panels`` is NULL when it is the same as in
    the revision before, so an autosave writes one board, not the whole session, twice.
    """

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("session_id", "number", name="uq_revisions_session_number"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(foreign_key="sessions.id", index=True, max_length=64)
    number: int
    at: float
    change: str = Field(default="", max_length=200)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    board: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    panels: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
