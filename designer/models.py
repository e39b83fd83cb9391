"""The database tables (SQLModel, migrated with Alembic): sessions and their revisions; users,
interviews, shares, reviews and their audit trail."""

from __future__ import annotations

__all__ = [
    "SessionRow",
    "RevisionRow",
    "UserRow",
    "InterviewRow",
    "ShareRow",
    "ReviewRow",
    "AuditRow",
    "RubricVersionRow",
    "JobRow",
    "JobItemRow",
    "JobInputRow",
    "utcnow",
    "table_of",
]

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, LargeBinary, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table of a model, for Core queries (SQLModel sets ``__table__`` on each table
    class as it is made; its type information doesn't say so)."""
    return model.__table__  # type: ignore[attr-defined]


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
    #: The account that started it (None: an anonymous practice session, open to whoever has its link).
    owner_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    #: The interview it was started from, by the candidate's single-use link.
    interview_id: str | None = Field(default=None, max_length=64, index=True)
    #: The rubric it is graded with; ``rubric_version`` is set when it is graded on submit.
    rubric_id: str | None = Field(default=None, max_length=200, index=True)
    rubric_version: int | None = None
    #: The score on submit (None while open): the session list filters and sorts by it.
    score: float | None = Field(default=None, index=True)
    #: Points per criterion on submit, ``{criterion: points}``, for the cohort CSV.
    points: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class RevisionRow(SQLModel, table=True):
    """One save: the session file's ``history``, one row each.

    A revision stores what it changed: ``board`` or ``panels`` is NULL when it is the same as in
    the revision before, so an autosave writes one board, not the whole session, twice.
    """

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("session_id", "number", name="uq_revisions_session_number"),
        Index("ix_revisions_session_change", "session_id", "change_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(foreign_key="sessions.id", index=True, max_length=64)
    number: int
    at: float
    change: str = Field(default="", max_length=200)
    #: The id the page gave the change (``X-Change-Id``): a change sent twice is one revision.
    change_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    board: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    panels: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


ROLES = ("candidate", "interviewer", "instructor", "admin")


class UserRow(SQLModel, table=True):
    """An account: an email, an argon2 password hash and one role."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    role: str = Field(default="candidate", max_length=20)
    password_hash: str = Field(max_length=200)
    active: bool = True
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    #: Carried by every sign-in's cookie; moved on by sign-out, a new password or turning the account
    #: off, which ends every sign-in made before (a copied cookie included).
    sign_in_epoch: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class InterviewRow(SQLModel, table=True):
    """An interview an interviewer scheduled; its candidate link starts the session once."""

    __tablename__ = "interviews"

    id: str = Field(primary_key=True, max_length=64)
    problem_id: str = Field(max_length=200)
    rubric_id: str = Field(max_length=200)
    duration_minutes: int = 45
    interviewer_id: int = Field(foreign_key="users.id", index=True)
    candidate_name: str = Field(default="", max_length=200)
    candidate_email: str = Field(default="", max_length=320)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    session_id: str | None = Field(default=None, foreign_key="sessions.id", max_length=64)
    #: Raised when the interviewer replaces the link: links of older generations stop working.
    link_generation: int = 0


class ShareRow(SQLModel, table=True):
    """A session shared with another interviewer (a panel, a second opinion)."""

    __tablename__ = "session_shares"

    session_id: str = Field(foreign_key="sessions.id", primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="users.id", primary_key=True, index=True)


class ReviewRow(SQLModel, table=True):
    """The interviewer's judgement of a session: manual scores, overrides, notes, recommendation."""

    __tablename__ = "reviews"

    session_id: str = Field(foreign_key="sessions.id", primary_key=True, max_length=64)
    manual: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    overrides: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    notes: str = Field(default="", sa_column=Column(Text, nullable=False))
    recommendation: str = Field(default="", max_length=30)
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class AuditRow(SQLModel, table=True):
    """One change to a review: who, when, what, before → after. Never updated or deleted."""

    __tablename__ = "audit_events"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(foreign_key="sessions.id", index=True, max_length=64)
    user_id: int | None = Field(default=None, foreign_key="users.id")
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    field: str = Field(max_length=200)
    before: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: Any = Field(default=None, sa_column=Column(JSON, nullable=True))


class RubricVersionRow(SQLModel, table=True):
    """One saved version of a rubric written in the browser (built-in rubrics stay files)."""

    __tablename__ = "rubric_versions"
    __table_args__ = (UniqueConstraint("rubric_id", "version", name="uq_rubric_versions_id_version"),)

    id: int | None = Field(default=None, primary_key=True)
    rubric_id: str = Field(max_length=200, index=True)
    version: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    tests_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    author_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class SignInAttemptRow(SQLModel, table=True):
    """One sign-in attempt counted against a limit (an address's or an account's): the database is
    where every worker counts together when there is no Redis (:mod:`designer.rate_limits`)."""

    __tablename__ = "sign_in_attempts"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=400, index=True)
    at: float = Field(index=True)


class JobRow(SQLModel, table=True):
    """A background job (:mod:`designer.jobs`): what it does, how far it has got and who runs it.

    The queue (Huey) carries only the job's id; everything a worker needs to resume lives here, so
    a worker killed mid-job loses nothing: another claims the job once its lease runs out."""

    __tablename__ = "jobs"

    id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=40)
    owner_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    #: What the job works on (a regrade: the rubric id; an import: "sessions") and at which version.
    subject: str = Field(max_length=200, index=True)
    version: int = 0
    status: str = Field(default="queued", max_length=20, index=True)
    total: int = 0
    done: int = 0
    failed: int = 0
    #: Sessions already graded with the job's version: nothing to do (a job run twice does nothing twice).
    current: int = 0
    #: The last session id handled: sessions are taken in id order, a page at a time, after it.
    cursor: str = Field(default="", max_length=64)
    #: Which worker holds the job, and when it last said so (seconds since the epoch).
    lease: str | None = Field(default=None, max_length=200)
    heartbeat: float = 0.0
    error: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    finished_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )


class JobItemRow(SQLModel, table=True):
    """What a job did with one thing it works through (a regrade: a session, by id; an import: a file,
    by its place in the upload), written in the same transaction as the work, so a resumed job skips
    what is done."""

    __tablename__ = "job_items"

    job_id: str = Field(foreign_key="jobs.id", primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=64)
    #: done, current (a regrade: already graded with this version) or failed.
    outcome: str = Field(max_length=20)
    old_score: float | None = None
    old_version: int | None = None
    new_score: float | None = None
    #: An import: the session made from the file.
    session_id: str | None = Field(default=None, max_length=64)
    #: An import: the file's name.
    name: str = Field(default="", max_length=500)
    error: str = Field(default="", sa_column=Column(Text, nullable=False))


class JobInputRow(SQLModel, table=True):
    """A file uploaded for a job (a batch import), kept until the job has read it: a worker on another
    machine reads it from here."""

    __tablename__ = "job_inputs"

    job_id: str = Field(foreign_key="jobs.id", primary_key=True, max_length=64)
    seq: int = Field(primary_key=True)
    name: str = Field(max_length=500)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
