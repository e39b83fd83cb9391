"""Sessions as the product keeps them: create, save with optimistic locking, revisions, export.

Every save names the revision it was based on. The session row's ``revision`` is bumped with a
compare-and-set ``UPDATE … WHERE revision = :based_on``, so of two saves based on the same revision
exactly one wins and the other gets :class:`~designer.errors.StaleRevision` — on SQLite and
PostgreSQL alike, with no lock held between requests.

Saves are the autosave's hot path: a board save is one UPDATE (``RETURNING`` the new revision) and
one INSERT of the board into ``revisions``; nothing else of the session is read or rewritten.
"""

from __future__ import annotations

__all__ = ["SessionStore", "Revision", "Saved", "MODES"]

import contextlib
import logging
import secrets
import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    case,
    func,
    insert,
    not_,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.sql import ColumnElement

from designer.access import SessionFacts, Viewer, can
from designer.access_sql import editor_condition
from designer.db import AutocommitConnections
from designer.errors import (
    DesignerError,
    FieldError,
    Forbidden,
    LimitExceeded,
    NotFound,
    SessionClosed,
    SessionFormatError,
    StaleRevision,
)
from designer.framework import STEP_IDS
from designer.merge import merge_boards, merge_panel
from designer.models import (
    AuditRow,
    InterviewRow,
    ReviewRow,
    RevisionRow,
    RubricVersionRow,
    SessionRow,
    ShareRow,
    table_of,
    utcnow,
)
from designer.problems import get_problem
from designer.session_format import (
    FORMAT,
    MAX_STEP_EVENTS,
    PANEL_MODELS,
    board_from_json,
    check_board_json,
    empty_panels,
    validate_board,
    validate_panel,
    validate_session,
)

logger = logging.getLogger(__name__)
MODES = ("practice", "interview")
# How often a step change is tried again when saves keep landing between its read and its write.
_STEP_ATTEMPTS = 20
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
    "meta",
}
_SESSIONS = table_of(SessionRow)
_REVISIONS = table_of(RevisionRow)
_INTERVIEWS = table_of(InterviewRow)
_SHARES = table_of(ShareRow)
_REVIEWS = table_of(ReviewRow)
_AUDIT = table_of(AuditRow)
_RUBRIC_VERSIONS = table_of(RubricVersionRow)
# The autosave's two statements, built once: a compare-and-set UPDATE and the revision's INSERT.
_UPDATE_ANY = (
    update(_SESSIONS)
    .where(_SESSIONS.c.id == bindparam("session_id"), _SESSIONS.c.status == "open")
    .values(revision=_SESSIONS.c.revision + 1)
    .returning(_SESSIONS.c.revision, _SESSIONS.c.started_at)
)
_UPDATE_IF = _UPDATE_ANY.where(_SESSIONS.c.revision == bindparam("based_on"))
_INSERT_REVISION = insert(_REVISIONS)
# The board autosave in each driver's own SQL: the JSON text goes in as it came, encoded once.
_SQLITE_SAVE_BOARD = (
    "UPDATE sessions SET board = ?, revision = revision + 1, updated_at = ? "
    "WHERE id = ? AND status = 'open' AND revision = ?{editor} RETURNING revision, started_at"
)
# Who may edit is checked in the same UPDATE (designer.access_sql.editor_condition).
_SQLITE_INSERT_REVISION = "INSERT INTO revisions (session_id, number, at, change, created_at, board, panels, change_id) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)"
# PostgreSQL does both in one statement (one round trip, the board sent once).
_PG_SAVE_BOARD = """
WITH saved AS (
    UPDATE sessions SET board = %(board)s::json, revision = revision + 1, updated_at = %(now)s
    WHERE id = %(id)s AND status = 'open' AND revision = %(based_on)s{editor}
    RETURNING revision, started_at
)
INSERT INTO revisions (session_id, number, at, change, created_at, board, panels, change_id)
SELECT %(id)s, revision, round(greatest(0, extract(epoch FROM %(now)s - started_at))::numeric, 1),
       'board', %(now)s, %(board)s::json, NULL, %(change_id)s
FROM saved
RETURNING number
"""


@dataclass(frozen=True)
class Saved:
    """What a save returns: the session and the revision it is now at."""

    id: str
    revision: int


@dataclass(frozen=True)
class Revision:
    """One saved revision with its whole board and panels (filled in from earlier revisions)."""

    number: int
    at: float
    change: str
    created_at: datetime
    board: dict
    panels: dict


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json", exclude_none=True)


def _valid_panel(step: str, raw: Any) -> Any:
    """One step's panel validated, as it is stored."""
    panel = validate_panel(step, raw)
    return [_dump(p) for p in panel] if isinstance(panel, list) else _dump(panel)


def _seconds_since(started: datetime, now: datetime) -> float:
    """The seconds from ``started`` to ``now``, to a tenth, never negative (a revision's ``at``)."""
    return round(max(0.0, (now - _aware(started)).total_seconds()), 1)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)  # SQLite drops it


def _row(mapping) -> SessionRow:
    return SessionRow(**mapping)


# Asked before every session request, so built once (like the autosave's statements).
_FACTS = (
    select(
        _SESSIONS.c.owner_id, _SESSIONS.c.interview_id, _SESSIONS.c.rubric_id, _INTERVIEWS.c.interviewer_id
    )
    .select_from(_SESSIONS.outerjoin(_INTERVIEWS, _INTERVIEWS.c.id == _SESSIONS.c.interview_id))
    .where(_SESSIONS.c.id == bindparam("session_id"))
)


class SessionStore:
    """The sessions in one database; every method runs its own transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        # SQLite has one writer at a time; threads of one process queue on this lock instead of on
        # SQLite's busy handler, whose growing sleeps cost far more than the wait itself.
        self._write_lock = threading.Lock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()
        # PostgreSQL's autosave statement: each thread's own connection, opened when first used
        self._autocommit = AutocommitConnections(engine) if engine.dialect.name == "postgresql" else None

    @staticmethod
    def elapsed(row: SessionRow, now: datetime | None = None) -> float:
        """Return the seconds since the session started."""
        now = now or utcnow()
        return _seconds_since(row.started_at, now)

    @classmethod
    def on_the_clock(cls, row: SessionRow) -> float:
        """The seconds the session's clock shows: still running while open, stopped at the submit."""
        elapsed = cls.elapsed(row)
        return elapsed if row.status == "open" else row.meta.get("submitted_at_seconds", elapsed)

    def _insert(self, row: SessionRow, revisions: list[dict], conn: Connection | None = None) -> SessionRow:
        if conn is None:
            with self.engine.begin() as own:
                return self._insert(row, revisions, own)
        conn.execute(insert(_SESSIONS).values(**row.model_dump()))
        # One statement per shape for all the revisions (an import brings thousands): the driver's
        # executemany, not a statement built and compiled for each. A board or panels of None is
        # left out of its row's columns, so it is NULL ("as before"), not JSON null.
        created_at = utcnow()
        shapes: dict[tuple[str, ...], list[dict]] = {}
        for values in revisions:
            written = {key: value for key, value in values.items() if value is not None}
            shapes.setdefault(tuple(written), []).append(
                {"session_id": row.id, "created_at": created_at, **written}
            )
        for rows in shapes.values():
            conn.execute(_INSERT_REVISION, rows)
        return row

    def create(
        self,
        problem_id: str,
        mode: str = "practice",
        candidate: str = "",
        duration_minutes: int | None = None,
        owner_id: int | None = None,
        interview_id: str | None = None,
        rubric_id: str | None = None,
    ) -> SessionRow:
        """Start a new session on a known problem; its first step is ``requirements``.

        ``owner_id`` is the account that starts it (None: anonymous practice, open by its link);
        ``interview_id`` the interview whose candidate link started it.
        """
        problem = get_problem(problem_id)
        if mode not in MODES:
            raise SessionFormatError(
                [FieldError("mode", f"expected 'practice' or 'interview', got {mode!r}")]
            )
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
            board={"nodes": [], "edges": []},
            panels=empty_panels(),
            steps=[{"step": "requirements", "at": 0}],
            meta={"mode": mode},
            owner_id=owner_id,
            interview_id=interview_id,
            rubric_id=rubric_id,
        )
        return self._insert(
            row, [{"number": 1, "at": 0.0, "change": "start", "board": row.board, "panels": row.panels}]
        )

    def import_file(
        self,
        raw: Any,
        mode: str | None = None,
        owner_id: int | None = None,
        session_id: str | None = None,
        conn: Connection | None = None,
        size: int | None = None,
    ) -> SessionRow:
        """Start a session from a ``designer.session/1`` file, keeping its history and steps (under
        ``session_id`` and in ``conn``'s transaction when given: a batch import keeps each session
        it makes with its own progress). ``size`` is the file's bytes, which bound its history
        (:func:`~designer.session_format.snapshot_limit`).

        Raises
        ------
        SessionFormatError
            Naming the JSON path of each invalid field.
        """
        session = validate_session(raw, size)
        data = _dump(session)
        board = raw["board"]  # valid, and kept exactly as written
        meta = dict(data.get("meta") or {})
        # the mode asked for, else the file's, else practice
        chosen = next((m for m in (mode, meta.get("mode")) if isinstance(m, str) and m in MODES), "practice")
        meta["mode"] = chosen
        extras = {k: v for k, v in data.items() if k not in _CORE_KEYS}
        if extras:
            meta["extras"] = extras
        history = [
            {**snap, "board": raw["history"][i].get("board", {"nodes": [], "edges": []})}
            for i, snap in enumerate(data.get("history") or [])
        ]
        steps = data.get("steps") or [{"step": "requirements", "at": 0}]
        last_at = max([h["at"] for h in history] + [s["at"] for s in steps] + [0])
        try:
            title = data["problem"].get("title") or get_problem(data["problem"]["id"]).title
        except NotFound:
            title = data["problem"]["id"]
        # Stored as the app stores its saves: what did not change since the revision before is NULL
        # (a download repeats the whole board and panels in every snapshot). The file's board and
        # panels are the newest revision: their own, unless its last snapshot already holds them
        # (every download's does), so that a download imported again downloads the same history.
        snapshots = [(snap["at"], "imported", snap["board"], snap["panels"]) for snap in history]
        if not history or (history[-1]["board"], history[-1]["panels"]) != (board, data["panels"]):
            snapshots.append((last_at, "import", board, data["panels"]))
        now = utcnow()
        row = SessionRow(
            id=session_id or secrets.token_urlsafe(16),
            problem_id=data["problem"]["id"],
            title=title,
            mode=chosen,
            duration_minutes=data.get("duration_minutes", 45),
            candidate=str(data.get("candidate") or "")[:200],
            revision=len(snapshots),
            started_at=now - timedelta(seconds=last_at),
            updated_at=now,
            board=board,
            panels=data["panels"],
            steps=steps,
            meta=meta,
            owner_id=owner_id,
        )
        revisions, before = [], None
        for n, (at, change, snap_board, snap_panels) in enumerate(snapshots, start=1):
            revisions.append(
                {
                    "number": n,
                    "at": at,
                    "change": change,
                    "board": None if before and snap_board == before[0] else snap_board,
                    "panels": None if before and snap_panels == before[1] else snap_panels,
                }
            )
            before = (snap_board, snap_panels)
        return self._insert(row, revisions, conn)

    def get(self, session_id: str) -> SessionRow:
        """Return the session, or raise :class:`NotFound`."""
        with self.engine.connect() as conn:
            found = conn.execute(select(_SESSIONS).where(_SESSIONS.c.id == session_id)).mappings().first()
        if found is None:
            raise NotFound(f"Session {session_id} doesn't exist.")
        return _row(found)

    def _saved_before(self, session_id: str, change_id: str | None) -> Saved | None:
        """The revision a change with this id already made, if it made one: the page sent it again
        (after a reload, say) not knowing its first try had arrived. Asked only when a save is
        refused, so the autosave's hot path costs nothing more."""
        if not change_id:
            return None
        with self.engine.connect() as conn:
            number = conn.execute(
                select(_REVISIONS.c.number).where(
                    _REVISIONS.c.session_id == session_id, _REVISIONS.c.change_id == change_id
                )
            ).scalar()
        return None if number is None else Saved(session_id, number)

    def _clear_since(
        self, session_id: str, based_on: int | None, part: str, replaces: frozenset[str] = frozenset()
    ) -> int | None:
        """The newest revision, if no revision after ``based_on`` changed ``part`` ("board" or
        "panels.<step>"), save those made by one of ``replaces``: this page's earlier changes whose
        answers it never had (the server restarted, the connection dropped), which the change now
        saved replaces. Then the change is no conflict: ``based_on`` is the revision at which the page
        last saw this part, and another tab's edit of another part is not one it has to have seen.
        A revision that rewrote more than one step's panels (a restore, a merge) changed them all."""
        if based_on is None:
            return None
        # Counted in the database: a page far behind a long session would otherwise read every
        # revision since its base into Python on each refused save.
        if part == "board":
            conflicting: ColumnElement[bool] = _REVISIONS.c.board.is_not(
                None
            )  # no JSON read: only whether it was written
        else:
            conflicting = and_(
                _REVISIONS.c.panels.is_not(None),
                or_(_REVISIONS.c.change == part, not_(_REVISIONS.c.change.startswith("panels."))),
            )
        if replaces:
            conflicting = and_(
                conflicting,
                or_(_REVISIONS.c.change_id.is_(None), _REVISIONS.c.change_id.not_in(sorted(replaces))),
            )
        with self.engine.connect() as conn:
            newest, conflicts = conn.execute(
                select(func.max(_REVISIONS.c.number), func.sum(case((conflicting, 1), else_=0))).where(
                    _REVISIONS.c.session_id == session_id, _REVISIONS.c.number > based_on
                )
            ).one()
        return newest if newest is not None and not conflicts else None

    def _refused(self, session_id: str, based_on: int | None, change_id: str | None) -> Saved:
        """Answer a compare-and-set UPDATE that matched no row: the revision this change made before,
        if it was sent twice; else raise why it was refused."""
        replayed = self._saved_before(session_id, change_id)
        if replayed is not None:
            return replayed
        row = self.get(session_id)
        if row.status != "open":
            raise SessionClosed(f"Session {session_id} was submitted and is read-only.")
        raise StaleRevision(session_id, based_on, row.revision)

    def _save(
        self, session_id: str, based_on: int | None, change: str, change_id: str | None = None, **values: Any
    ) -> Saved:
        """Write new column values as one new revision, if ``based_on`` is the newest revision.

        ``values`` holds ``board`` and/or ``panels``; the revision row stores what changed.
        ``based_on=None`` means "whatever is newest". ``change_id`` (the page's id for the change)
        makes sending it again harmless: the revision it made the first time is returned.
        """
        now = utcnow()
        statement = _UPDATE_ANY if based_on is None else _UPDATE_IF
        with self._write_lock, self.engine.begin() as conn:
            saved = conn.execute(
                statement.values(updated_at=now, **values),
                {"session_id": session_id, "based_on": based_on},
            ).first()
            if saved is None:
                conn.rollback()
                return self._refused(session_id, based_on, change_id)
            at = _seconds_since(saved.started_at, now)
            conn.execute(
                _INSERT_REVISION,
                {
                    "session_id": session_id,
                    "number": saved.revision,
                    "at": at,
                    "change": change,
                    "created_at": now,
                    "change_id": change_id,
                    # NULL, not JSON null, where this revision left the board or the panels as they were.
                    "board": values.get("board", null()),
                    "panels": values.get("panels", null()),
                },
            )
        return Saved(session_id, saved.revision)

    def _read_modify_save(
        self,
        session_id: str,
        based_on: int | None,
        change: str,
        column: str,
        modify,
        change_id: str | None = None,
        replaces: frozenset[str] = frozenset(),
        *,
        part: str,
    ) -> Saved:
        """Save ``modify(current value of column)``: for edits that build on what is stored, of
        ``part`` (as for :meth:`_clear_since`)."""
        with self.engine.connect() as conn:
            found = conn.execute(
                select(_SESSIONS.c[column], _SESSIONS.c.revision).where(_SESSIONS.c.id == session_id)
            ).first()
        if found is None:
            raise NotFound(f"Session {session_id} doesn't exist.")
        if based_on is not None and based_on != found.revision:
            clear = self._clear_since(session_id, based_on, part, replaces)
            if clear is not None:  # nothing came between that changed this part (but this page's own)
                return self._read_modify_save(session_id, clear, change, column, modify, change_id, part=part)
            return self._refused(session_id, based_on, change_id)
        # Pin the revision read, so an edit never lands on a board it did not see.
        return self._save(session_id, found.revision, change, change_id, **{column: modify(found[0])})

    def save_board(
        self,
        session_id: str,
        raw_board: Any,
        based_on: int | None,
        editor: Viewer | None = None,
        change_id: str | None = None,
        replaces: frozenset[str] = frozenset(),
    ) -> Saved:
        """Replace the board (Cytoscape elements JSON, already parsed) after validating it; it is kept
        as sent. A board that arrives as text goes through :meth:`save_board_json` instead.

        ``editor``, when given, may not edit it: :class:`Forbidden`. ``replaces``: the ids of this
        page's earlier changes whose answers it never had (see :meth:`_clear_since`); revisions they
        made are no conflict with this one, nor are revisions that changed only the panels.
        """
        validate_board(raw_board)
        return self._save_valid_board(session_id, raw_board, based_on, None, editor, change_id, replaces)

    def save_board_json(
        self,
        session_id: str,
        text: str,
        based_on: int,
        editor: Viewer | None = None,
        change_id: str | None = None,
        replaces: frozenset[str] = frozenset(),
        what: str = "The input",
    ) -> Saved:
        """:meth:`save_board` of a board's JSON text as it arrived (the autosave's request body), read
        and validated in one pass where that is safe (:func:`board_from_json`; ``what`` names the
        text in its errors). The text is stored as is, through the driver, with the editor checked in
        the same UPDATE: this halves the cost of the autosave's hot path. Where the text is what gets
        stored, it is only checked (:func:`check_board_json`), no board kept."""
        if self._stores_text(based_on):
            check_board_json(text, what)
            board: Any = None  # never read: the text is saved (see _save_valid_board)
        else:
            board = board_from_json(text, what)
        return self._save_valid_board(session_id, board, based_on, text, editor, change_id, replaces)

    def _stores_text(self, based_on: int | None) -> bool:
        """Whether a board's text is saved as it came (a compare-and-set in this driver's own SQL)."""
        return based_on is not None and self.engine.dialect.name in {"sqlite", "postgresql"}

    def _save_valid_board(
        self,
        session_id: str,
        board: Any,
        based_on: int | None,
        text: str | None,
        editor: Viewer | None,
        change_id: str | None,
        replaces: frozenset[str],
    ) -> Saved:
        try:
            if text is not None and based_on is not None and self._stores_text(based_on):
                return self._save_board_text(session_id, based_on, text, editor, change_id)
            if editor is not None and not can(editor, "edit", self.facts(session_id, for_viewer=editor)):
                raise Forbidden("Only the candidate can change this session.")
            return self._save(session_id, based_on, "board", change_id, board=board)
        except StaleRevision:
            clear = self._clear_since(session_id, based_on, "board", replaces)
            if clear is None:
                raise
            return self._save_valid_board(session_id, board, clear, text, editor, change_id, frozenset())

    def _save_board_text(
        self,
        session_id: str,
        based_on: int,
        text: str,
        editor: Viewer | None = None,
        change_id: str | None = None,
    ) -> Saved:
        """The same compare-and-set as :meth:`_save`, in plain SQL on the driver's connection."""
        condition = editor_condition(editor, session_id)
        now = utcnow()
        if self.engine.dialect.name == "postgresql":
            saved = self._pg_save_board(
                _PG_SAVE_BOARD.replace("{editor}", condition),
                {"board": text, "now": now, "id": session_id, "based_on": based_on, "change_id": change_id},
            )
        else:
            saved = self._sqlite_save_board(
                _SQLITE_SAVE_BOARD.replace("{editor}", condition), session_id, based_on, text, now, change_id
            )
        if saved is None:
            if editor is not None and not can(editor, "edit", self.facts(session_id, for_viewer=editor)):
                raise Forbidden("Only the candidate can change this session.")
            return self._refused(session_id, based_on, change_id)
        return Saved(session_id, saved)

    def _pg_save_board(self, statement: str, params: dict[str, Any]) -> int | None:
        """Run the save's one statement; the revision it made, or None if it matched no row.

        The statement is atomic on its own: sent in autocommit it is one round trip (no BEGIN before
        it, no COMMIT after), and as durable once answered. It goes on this thread's own connection
        (:class:`~designer.db.AutocommitConnections`), not through the pool or a SQLAlchemy Connection,
        whose bookkeeping would cost the autosave more than the driver's own work.
        """
        assert self._autocommit is not None  # made for every PostgreSQL store
        with self._autocommit.cursor() as cursor:
            cursor.execute(statement, params)
            row = cursor.fetchone()
        return None if row is None else row[0]

    def _sqlite_save_board(
        self, statement: str, session_id: str, based_on: int, text: str, now: datetime, change_id: str | None
    ) -> int | None:
        """The save's UPDATE and its revision's INSERT in one transaction; as for :meth:`_pg_save_board`."""
        stamp = now.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite format
        with self._write_lock, self.engine.begin() as conn:
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]  # never None when pooled
            try:
                cursor.execute(statement, (text, stamp, session_id, based_on))
                saved = cursor.fetchone()
                if saved is None:
                    conn.rollback()
                    return None
                started = datetime.fromisoformat(saved[1])  # SQLite hands back text
                cursor.execute(
                    _SQLITE_INSERT_REVISION,
                    (session_id, saved[0], _seconds_since(started, now), "board", stamp, text, change_id),
                )
                return saved[0]
            finally:
                cursor.close()

    def edit_board(self, session_id: str, based_on: int | None, change: str, edit) -> Saved:
        """Apply ``edit(board) -> board`` to the newest board, validating the result."""

        def modify(board):
            edited = edit(board)
            validate_board(edited)
            return edited

        return self._read_modify_save(session_id, based_on, change, "board", modify, part="board")

    def save_panel(
        self,
        session_id: str,
        step: str,
        raw: Any,
        based_on: int | None,
        change_id: str | None = None,
        replaces: frozenset[str] = frozenset(),
    ) -> Saved:
        """Replace one step's panel after validating it (``change_id`` as for :meth:`_save`,
        ``replaces`` as for :meth:`save_board`)."""
        panel = _valid_panel(step, raw)
        return self._read_modify_save(
            session_id,
            based_on,
            f"panels.{step}",
            "panels",
            lambda panels: {**panels, step: panel},
            change_id,
            replaces,
            part=f"panels.{step}",
        )

    def enter_step(self, session_id: str, step: str) -> SessionRow:
        """Record that the candidate opened ``step`` now; re-entering the open step records nothing.

        Raises
        ------
        LimitExceeded
            Past :data:`~designer.session_format.MAX_STEP_EVENTS` step changes.
        """
        if step not in STEP_IDS:
            raise SessionFormatError(
                [FieldError("step", f"expected one of {', '.join(STEP_IDS)}, got {step!r}")]
            )
        # Steps are not revisions, so no If-Match. The row is read and written in one transaction,
        # locked (FOR UPDATE on PostgreSQL, the writers' lock on SQLite), so a save landing beside it
        # can't make it record nothing; the write is still conditional on the row being as read, and
        # tried again if it was not (SQLite written by another process).
        query = (
            select(_SESSIONS.c.status, _SESSIONS.c.steps, _SESSIONS.c.started_at, _SESSIONS.c.updated_at)
            .where(_SESSIONS.c.id == session_id)
            .with_for_update()
        )
        for _attempt in range(_STEP_ATTEMPTS):
            with self._write_lock, self.engine.begin() as conn:
                found = conn.execute(query).first()
                if found is None:
                    raise NotFound(f"Session {session_id} doesn't exist.")
                if found.status != "open":
                    raise SessionClosed(f"Session {session_id} was submitted and is read-only.")
                steps = list(found.steps or [])
                if steps and steps[-1]["step"] == step:
                    written = 1
                elif len(steps) >= MAX_STEP_EVENTS:  # what a session file may hold: its download imports
                    raise LimitExceeded(
                        [
                            FieldError(
                                "steps",
                                f"this session has recorded {len(steps):,} step changes, the most one keeps",
                            )
                        ]
                    )
                else:
                    now = utcnow()
                    at = _seconds_since(found.started_at, now)
                    written = conn.execute(
                        update(_SESSIONS)
                        .where(_SESSIONS.c.id == session_id, _SESSIONS.c.updated_at == found.updated_at)
                        .values(steps=[*steps, {"step": step, "at": at}], updated_at=now)
                    ).rowcount
            if written:
                return self.get(session_id)
        raise DesignerError(f"Session {session_id} changed too often to record the step; try again.")

    def delete(self, session_id: str) -> None:
        """Remove a session for good: its revisions, judgement, audit trail, shares and, for an
        interview, the interview itself.

        Raises
        ------
        NotFound
            When there is no such session.
        """
        self.get(session_id)
        with self.engine.begin() as conn:
            for table in (_AUDIT, _REVIEWS, _SHARES, _REVISIONS, _INTERVIEWS):
                conn.execute(table.delete().where(table.c.session_id == session_id))
            conn.execute(_SESSIONS.delete().where(_SESSIONS.c.id == session_id))

    def revisions(self, session_id: str, upto: int | None = None) -> list[Revision]:
        """Return the revisions, oldest first, each with its whole board and panels."""
        self.get(session_id)
        query = select(_REVISIONS).where(_REVISIONS.c.session_id == session_id).order_by(_REVISIONS.c.number)
        if upto is not None:
            query = query.where(_REVISIONS.c.number <= upto)
        out: list[Revision] = []
        board: dict = {"nodes": [], "edges": []}
        panels: dict = empty_panels()
        with self.engine.connect() as conn:
            for r in conn.execute(query).mappings():
                board = r["board"] if r["board"] is not None else board
                panels = r["panels"] if r["panels"] is not None else panels
                out.append(Revision(r["number"], r["at"], r["change"], r["created_at"], board, panels))
        return out

    def history(self, session_id: str, upto: int | None = None) -> list[dict]:
        """Return the session file's ``history``: every revision's time, board and panels, oldest first."""
        return [{"at": r.at, "board": r.board, "panels": r.panels} for r in self.revisions(session_id, upto)]

    def revision(self, session_id: str, number: int) -> Revision:
        """Return one revision, or raise :class:`NotFound`.

        Reads three rows, not the history: the revision, and the newest board and panels saved at or
        before it (revisions store only what changed), so replaying a long session stays quick.
        """
        base = _REVISIONS.c.session_id == session_id
        with self.engine.connect() as conn:
            found = (
                conn.execute(
                    select(_REVISIONS.c.at, _REVISIONS.c.change, _REVISIONS.c.created_at).where(
                        base, _REVISIONS.c.number == number
                    )
                )
                .mappings()
                .first()
            )
            if found is None:
                raise NotFound(f"Session {session_id} has no revision {number}.")
            latest = {}
            for column in ("board", "panels"):
                value = conn.execute(
                    select(_REVISIONS.c[column])
                    .where(base, _REVISIONS.c.number <= number, _REVISIONS.c[column].is_not(None))
                    .order_by(_REVISIONS.c.number.desc())
                    .limit(1)
                ).scalar()
                latest[column] = value
        board = latest["board"] if latest["board"] is not None else {"nodes": [], "edges": []}
        panels = latest["panels"] if latest["panels"] is not None else empty_panels()
        return Revision(number, found["at"], found["change"], found["created_at"], board, panels)

    def revision_list(self, session_id: str) -> list[dict]:
        """Every revision's number, time and change, oldest first: no boards or panels."""
        query = (
            select(_REVISIONS.c.number, _REVISIONS.c.at, _REVISIONS.c.change)
            .where(_REVISIONS.c.session_id == session_id)
            .order_by(_REVISIONS.c.number)
        )
        with self.engine.connect() as conn:
            return [dict(m) for m in conn.execute(query).mappings()]

    def restore(self, session_id: str, number: int, based_on: int | None) -> Saved:
        """Make an old revision's board and panels the newest, as a new revision."""
        old = self.revision(session_id, number)
        return self._save(session_id, based_on, f"restore {number}", board=old.board, panels=old.panels)

    def merge(self, session_id: str, number: int, part: str, based_on: int | None) -> Saved:
        """Keep both: the newest ``part`` ("board", or a step's panel) with what revision ``number``
        had of it added (:mod:`designer.merge`), as a new revision. Both versions stay revisions."""
        if part != "board" and part not in PANEL_MODELS:
            raise SessionFormatError(
                [FieldError("part", f"expected board or one of {', '.join(PANEL_MODELS)}, got {part!r}")]
            )
        old = self.revision(session_id, number)
        if part == "board":
            return self.edit_board(
                session_id, based_on, f"merge {number}", lambda b: merge_boards(b, old.board)
            )

        def merged_panels(panels: dict) -> dict:
            return {**panels, part: _valid_panel(part, merge_panel(panels.get(part), old.panels.get(part)))}

        return self._read_modify_save(
            session_id, based_on, f"merge {number}", "panels", merged_panels, part=f"panels.{part}"
        )

    def submit(self, session_id: str) -> SessionRow:
        """End the session: it is read-only from now on. Submitting twice is harmless."""
        row = self.get(session_id)
        if row.status == "open":
            now = utcnow()
            meta = {**row.meta, "submitted_at_seconds": self.elapsed(row, now)}
            with self.engine.begin() as conn:
                conn.execute(
                    update(_SESSIONS)
                    .where(_SESSIONS.c.id == session_id)
                    .values(status="submitted", submitted_at=now, updated_at=now, meta=meta)
                )
            row = self.get(session_id)
        return row

    def take_hint(self, session_id: str, criterion: str, level: str, criteria: Collection[str]) -> SessionRow:
        """Record that a practice hint was taken (the highest level per criterion is kept).

        Checked before anything is written: the session is open and in practice mode, and
        ``criterion`` is one of the rubric's ``criteria``.
        """
        order = ("nudge", "pointer", "fix")
        row = self.get(session_id)
        if row.mode != "practice":
            raise Forbidden("Hints are for practice sessions; this is an interview.")
        if criterion not in criteria:
            raise NotFound(f"The rubric of this session has no criterion {criterion!r}.")
        if row.status != "open":
            raise SessionClosed(f"Session {session_id} was submitted and is read-only.")
        hints = dict(row.meta.get("hints") or {})
        if order.index(level) > order.index(hints.get(criterion, level)) or criterion not in hints:
            hints[criterion] = level
        with self.engine.begin() as conn:
            conn.execute(
                update(_SESSIONS)
                .where(_SESSIONS.c.id == session_id)
                .values(meta={**row.meta, "hints": hints})
            )
        return self.get(session_id)

    def facts(self, session_id: str, for_viewer: Viewer | None = None) -> SessionFacts:
        """What the access policy needs to know about a session: one query, plus the shares and the
        rubric's authors when they can matter.

        Only interviewers are given sessions by sharing and only instructors see sessions by the
        rubric they wrote, so ``for_viewer`` leaves out what that viewer's answer can't depend on
        (this runs before nearly every request about a session).

        Raises
        ------
        NotFound
            When there is no such session.
        """
        role = for_viewer.role if for_viewer is not None else None
        with self.engine.connect() as conn:
            found = conn.execute(_FACTS, {"session_id": session_id}).first()
            if found is None:
                raise NotFound(f"Session {session_id} doesn't exist.")
            shared_with: frozenset[int] = frozenset()
            if for_viewer is None or role == "interviewer":
                shared = conn.execute(select(_SHARES.c.user_id).where(_SHARES.c.session_id == session_id))
                shared_with = frozenset(r[0] for r in shared)
        authors = (
            self.rubric_authors(found.rubric_id)
            if for_viewer is None or role == "instructor"
            else frozenset()
        )
        return SessionFacts(
            id=session_id,
            owner_id=found.owner_id,
            interview_id=found.interview_id,
            interviewer_id=found.interviewer_id,
            shared_with=shared_with,
            rubric_authors=authors,
        )

    def rubric_authors(self, rubric_id: str | None) -> frozenset[int]:
        """The accounts that wrote versions of a rubric (built-in rubrics have none)."""
        if not rubric_id:
            return frozenset()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_RUBRIC_VERSIONS.c.author_id)
                .where(_RUBRIC_VERSIONS.c.rubric_id == rubric_id)
                .distinct()
            )
            return frozenset(r[0] for r in rows if r[0] is not None)

    def share(self, session_id: str, user_id: int) -> None:
        """Let another interviewer see and review a session (sharing twice is harmless)."""
        with self.engine.begin() as conn:
            exists = conn.execute(
                select(_SHARES.c.user_id).where(
                    _SHARES.c.session_id == session_id, _SHARES.c.user_id == user_id
                )
            ).first()
            if exists is None:
                conn.execute(insert(_SHARES).values(session_id=session_id, user_id=user_id))

    def record_grade(
        self,
        session_id: str,
        rubric_id: str,
        rubric_version: int,
        score: float,
        points: dict[str, float],
        conn: Connection | None = None,
    ) -> None:
        """Keep the grade a session got on submit: its rubric version, score and points per criterion
        (in ``conn``'s transaction when given: a job keeps it with its own progress)."""
        statement = (
            update(_SESSIONS)
            .where(_SESSIONS.c.id == session_id)
            .values(rubric_id=rubric_id, rubric_version=rubric_version, score=score, points=points)
        )
        if conn is not None:
            conn.execute(statement)
            return
        with self.engine.begin() as own:
            own.execute(statement)

    def count(self) -> int:
        """Return how many sessions there are."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(_SESSIONS)).scalar_one()

    def to_file(self, row: SessionRow, history: bool = True) -> dict:
        """Write the session as a ``designer.session/1`` file."""
        meta = {k: v for k, v in row.meta.items() if k != "extras"}
        out: dict[str, Any] = {
            "format": FORMAT,
            "problem": {"id": row.problem_id, "title": row.title},
            "duration_minutes": row.duration_minutes,
            "board": row.board,
            "panels": row.panels,
            "steps": row.steps,
            "history": self.history(row.id, upto=row.revision) if history else [],
            "started_at": _aware(row.started_at).isoformat(),
            "meta": {**meta, "id": row.id, "status": row.status, "revision": row.revision},
            **row.meta.get("extras", {}),
        }
        if row.candidate:
            out["candidate"] = row.candidate
        return out
