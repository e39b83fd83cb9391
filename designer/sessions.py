"""Sessions as the product keeps them: create, save with optimistic locking, revisions, export.

Every save names the revision it was based on. The session row's ``revision`` is bumped with a
compare-and-set ``UPDATE … WHERE revision = :based_on``, so of two saves based on the same revision
exactly one wins and the other gets :class:`~designer.errors.StaleRevision` — on SQLite and
PostgreSQL alike, with no lock held between requests.
"""

from __future__ import annotations

__all__ = ["SessionStore", "MODES"]

import copy
import logging
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, func, update
from sqlmodel import Session, select

from designer.errors import FieldError, NotFound, SessionClosed, SessionFormatError, StaleRevision
from designer.framework import STEP_IDS
from designer.models import RevisionRow, SessionRow, utcnow
from designer.problems import get_problem
from designer.session_format import (
    FORMAT,
    empty_panels,
    validate_board,
    validate_panel,
    validate_session,
)

logger = logging.getLogger(__name__)
MODES = ("practice", "interview")
_CORE_KEYS = {
    "format",
    "problem",
    "duration_minutes",
    "board",
    "panels",
    "steps",
    "history",
    "candidate",
    "started_at",
}


def _dump_board(model: Any) -> dict:
    # A board is kept as it was sent (no defaults filled in), so a file round-trips unchanged.
    return model.model_dump(mode="json", exclude_unset=True)


def _dump(model: Any) -> Any:
    if isinstance(model, list):
        return [_dump(m) for m in model]
    return model.model_dump(mode="json", exclude_none=True)


class SessionStore:
    """The sessions in one database; every method opens and closes its own transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def elapsed(self, row: SessionRow) -> float:
        """Return the seconds since the session started."""
        started = row.started_at
        if started.tzinfo is None:  # SQLite hands back naive datetimes
            started = started.replace(tzinfo=utcnow().tzinfo)
        return round(max(0.0, (utcnow() - started).total_seconds()), 1)

    def create(
        self,
        problem_id: str,
        mode: str = "practice",
        candidate: str = "",
        duration_minutes: int | None = None,
    ) -> SessionRow:
        """Start a new session on a known problem; its first step is ``requirements``."""
        problem = get_problem(problem_id)
        if mode not in MODES:
            raise SessionFormatError(
                [FieldError("mode", f"expected 'practice' or 'interview', got {mode!r}")]
            )
        document = {
            "board": {"nodes": [], "edges": []},
            "panels": empty_panels(),
            "steps": [{"step": "requirements", "at": 0}],
            "meta": {"mode": mode},
        }
        now = utcnow()
        row = SessionRow(
            id=secrets.token_urlsafe(16),
            problem_id=problem.id,
            title=problem.title,
            mode=mode,
            duration_minutes=duration_minutes or problem.duration_minutes,
            candidate=candidate[:200],
            revision=1,
            started_at=now,
            updated_at=now,
            document=document,
        )
        with Session(self.engine) as db:
            db.add(row)
            db.flush()
            db.add(self._revision(row, 1, 0.0, "start", document))
            db.commit()
            db.refresh(row)
        return row

    def import_file(self, raw: Any, mode: str | None = None) -> SessionRow:
        """Start a session from a ``designer.session/1`` file, keeping its history and steps.

        Raises
        ------
        SessionFormatError
            Naming the JSON path of each invalid field.
        """
        session = validate_session(raw)
        data = _dump(session)
        data["board"] = _dump_board(session.board)
        for snap, model in zip(data.get("history") or [], session.history, strict=True):
            snap["board"] = _dump_board(model.board)
        meta = dict(data.get("meta") or {})
        mode = mode or meta.get("mode") or "practice"
        if mode not in MODES:
            mode = "practice"
        meta["mode"] = mode
        extras = {k: v for k, v in data.items() if k not in _CORE_KEYS and k != "meta"}
        history = data.get("history") or []
        last_at = max([h["at"] for h in history] + [s["at"] for s in data.get("steps") or []] + [0])
        steps = data.get("steps") or [{"step": "requirements", "at": 0}]
        document = {
            "board": data["board"],
            "panels": data["panels"],
            "steps": steps,
            "meta": meta,
            "extras": extras,
        }
        now = utcnow()
        try:
            title = data["problem"].get("title") or get_problem(data["problem"]["id"]).title
        except NotFound:
            title = data["problem"]["id"]
        row = SessionRow(
            id=secrets.token_urlsafe(16),
            problem_id=data["problem"]["id"],
            title=title,
            mode=mode,
            duration_minutes=data.get("duration_minutes", 45),
            candidate=str(data.get("candidate") or "")[:200],
            revision=len(history) + 1,
            started_at=now - timedelta(seconds=last_at),
            updated_at=now,
            document=document,
        )
        with Session(self.engine) as db:
            db.add(row)
            db.flush()
            for number, snap in enumerate(history, start=1):
                db.add(self._revision(row, number, snap["at"], "imported", snap))
            db.add(self._revision(row, len(history) + 1, last_at, "import", document))
            db.commit()
            db.refresh(row)
        return row

    @staticmethod
    def _revision(row: SessionRow, number: int, at: float, change: str, doc: dict) -> RevisionRow:
        return RevisionRow(
            session_id=row.id,
            number=number,
            at=at,
            change=change,
            created_at=utcnow(),
            board=copy.deepcopy(doc["board"]),
            panels=copy.deepcopy(doc["panels"]),
        )

    def get(self, session_id: str) -> SessionRow:
        """Return the session, or raise :class:`NotFound`."""
        with Session(self.engine) as db:
            row = db.get(SessionRow, session_id)
        if row is None:
            raise NotFound(f"Session {session_id} doesn't exist.")
        return row

    def list(self, problem_id: str | None = None, limit: int = 50) -> list[SessionRow]:
        """Return the newest sessions, optionally of one problem."""
        query = select(SessionRow).order_by(SessionRow.updated_at.desc()).limit(limit)
        if problem_id:
            query = query.where(SessionRow.problem_id == problem_id)
        with Session(self.engine) as db:
            return list(db.exec(query))

    def _commit_change(self, session_id: str, based_on: int | None, change: str, mutate) -> SessionRow:
        """Apply ``mutate(document) -> document`` as one new revision, if ``based_on`` is current.

        ``based_on=None`` means "whatever is newest" (used by additive form actions).
        """
        with Session(self.engine) as db:
            row = db.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"Session {session_id} doesn't exist.")
            if row.status != "open":
                raise SessionClosed(f"Session {session_id} was submitted and is read-only.")
            current = row.revision
            if based_on is not None and based_on != current:
                raise StaleRevision(session_id, based_on, current)
            document = mutate(copy.deepcopy(row.document))
            at = self.elapsed(row)
            result = db.exec(
                update(SessionRow)
                .where(SessionRow.id == session_id, SessionRow.revision == current)
                .values(revision=current + 1, document=document, updated_at=utcnow())
            )
            if result.rowcount != 1:
                db.rollback()
                raise StaleRevision(session_id, based_on, self.get(session_id).revision)
            db.add(self._revision(row, current + 1, at, change, document))
            db.commit()
        return self.get(session_id)

    def save_board(self, session_id: str, raw_board: Any, based_on: int | None) -> SessionRow:
        """Replace the board (Cytoscape elements JSON) after validating it."""
        board = _dump_board(validate_board(raw_board))

        def mutate(doc):
            doc["board"] = board
            return doc

        return self._commit_change(session_id, based_on, "board", mutate)

    def edit_board(self, session_id: str, based_on: int | None, change: str, edit) -> SessionRow:
        """Apply ``edit(board) -> board`` to the newest board, validating the result."""

        def mutate(doc):
            doc["board"] = _dump_board(validate_board(edit(doc["board"])))
            return doc

        return self._commit_change(session_id, based_on, change, mutate)

    def save_panel(self, session_id: str, step: str, raw: Any, based_on: int | None) -> SessionRow:
        """Replace one step's panel after validating it."""
        panel = _dump(validate_panel(step, raw))

        def mutate(doc):
            doc["panels"][step] = panel
            return doc

        return self._commit_change(session_id, based_on, f"panels.{step}", mutate)

    def enter_step(self, session_id: str, step: str) -> SessionRow:
        """Record that the candidate opened ``step`` now; re-entering the open step records nothing."""
        if step not in STEP_IDS:
            raise SessionFormatError(
                [FieldError("step", f"expected one of {', '.join(STEP_IDS)}, got {step!r}")]
            )
        with Session(self.engine) as db:
            row = db.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"Session {session_id} doesn't exist.")
            if row.status != "open":
                raise SessionClosed(f"Session {session_id} was submitted and is read-only.")
            document = copy.deepcopy(row.document)
            steps = document.setdefault("steps", [])
            if not steps or steps[-1]["step"] != step:
                steps.append({"step": step, "at": self.elapsed(row)})
                row.document = document
                row.updated_at = utcnow()
                db.add(row)
                db.commit()
                db.refresh(row)
        return row

    def revisions(self, session_id: str) -> list[RevisionRow]:
        """Return every revision of the session, oldest first."""
        self.get(session_id)
        with Session(self.engine) as db:
            query = (
                select(RevisionRow).where(RevisionRow.session_id == session_id).order_by(RevisionRow.number)
            )
            return list(db.exec(query))

    def revision(self, session_id: str, number: int) -> RevisionRow:
        """Return one revision, or raise :class:`NotFound`."""
        with Session(self.engine) as db:
            query = select(RevisionRow).where(
                RevisionRow.session_id == session_id, RevisionRow.number == number
            )
            found = db.exec(query).first()
        if found is None:
            raise NotFound(f"Session {session_id} has no revision {number}.")
        return found

    def restore(self, session_id: str, number: int, based_on: int | None) -> SessionRow:
        """Make an old revision's board and panels the newest, as a new revision."""
        old = self.revision(session_id, number)

        def mutate(doc):
            doc["board"], doc["panels"] = copy.deepcopy(old.board), copy.deepcopy(old.panels)
            return doc

        return self._commit_change(session_id, based_on, f"restore {number}", mutate)

    def submit(self, session_id: str) -> SessionRow:
        """End the session: it is read-only from now on. Submitting twice is harmless."""
        with Session(self.engine) as db:
            row = db.get(SessionRow, session_id)
            if row is None:
                raise NotFound(f"Session {session_id} doesn't exist.")
            if row.status == "open":
                row.status = "submitted"
                row.submitted_at = row.updated_at = utcnow()
                document = copy.deepcopy(row.document)
                document.setdefault("meta", {})["submitted_at_seconds"] = self.elapsed(row)
                row.document = document
                db.add(row)
                db.commit()
                db.refresh(row)
        return row

    def count(self) -> int:
        """Return how many sessions there are."""
        with Session(self.engine) as db:
            return db.exec(select(func.count()).select_from(SessionRow)).one()

    def to_file(self, row: SessionRow, history: bool = True) -> dict:
        """Write the session as a ``designer.session/1`` file (validated before it leaves)."""
        doc = row.document
        started = row.started_at
        if started.tzinfo is None:
            started = started.replace(tzinfo=utcnow().tzinfo)
        out: dict[str, Any] = {
            "format": FORMAT,
            "problem": {"id": row.problem_id, "title": row.title},
            "duration_minutes": row.duration_minutes,
            "board": doc["board"],
            "panels": doc["panels"],
            "steps": doc.get("steps", []),
            "history": [{"at": r.at, "board": r.board, "panels": r.panels} for r in self.revisions(row.id)]
            if history
            else [],
            "started_at": started.isoformat(),
            "meta": {
                **doc.get("meta", {}),
                "id": row.id,
                "status": row.status,
                "revision": row.revision,
            },
            **doc.get("extras", {}),
        }
        if row.candidate:
            out["candidate"] = row.candidate
        return out
