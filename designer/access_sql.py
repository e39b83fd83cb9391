"""The access policy of :mod:`designer.access`, spelled in SQL for the two places that ask the
database instead of asking :func:`~designer.access.can` row by row:

- :func:`listed_condition`: the sessions a viewer's lists show (:func:`designer.access.listed`), as a
  WHERE condition, so a page of the session list is one query whatever the number of sessions;
- :func:`editor_condition`: who may edit (``can(viewer, "edit")``), as a fragment of the board
  autosave's own UPDATE, so a save costs no separate access query.

``tests/test_access_sql.py`` checks both against :mod:`designer.access` for every role and every
kind of session, on SQLite and PostgreSQL.
"""

from __future__ import annotations

__all__ = ["listed_condition", "editor_condition"]

from collections.abc import Callable

from sqlalchemy import ColumnElement, false, or_, select, true

from designer.access import Viewer
from designer.models import InterviewRow, SessionRow, ShareRow, table_of

_SESSIONS = table_of(SessionRow)
_INTERVIEWS = table_of(InterviewRow)
_SHARES = table_of(ShareRow)


def listed_condition(viewer: Viewer, rubrics_by: Callable[[int], frozenset[str]]) -> ColumnElement[bool]:
    """The condition on ``sessions`` for :func:`designer.access.listed`; ``rubrics_by(user_id)`` gives
    the rubrics an instructor wrote (asked only for an instructor)."""
    if viewer.role == "admin":
        return true()
    conditions: list[ColumnElement[bool]] = []
    if viewer.granted:
        conditions.append(_SESSIONS.c.id.in_(sorted(viewer.granted)))
    if viewer.user_id is not None:
        conditions.append(_SESSIONS.c.owner_id == viewer.user_id)
        if viewer.role == "interviewer":
            conditions.append(
                _SESSIONS.c.interview_id.in_(
                    select(_INTERVIEWS.c.id).where(_INTERVIEWS.c.interviewer_id == viewer.user_id)
                )
            )
            conditions.append(
                _SESSIONS.c.id.in_(select(_SHARES.c.session_id).where(_SHARES.c.user_id == viewer.user_id))
            )
        if viewer.role == "instructor":
            authored = rubrics_by(viewer.user_id)
            if authored:
                conditions.append(_SESSIONS.c.rubric_id.in_(sorted(authored)))
    return or_(*conditions) if conditions else false()


def editor_condition(viewer: Viewer | None, session_id: str) -> str:
    """The SQL to append to ``WHERE id = … `` of an UPDATE of ``sessions`` so that it matches only
    if ``viewer`` may edit the session: a session this browser holds needs no condition; otherwise
    one started without an account (and not from an interview), or the signed-in viewer's own.
    ``None`` (the caller checked already) adds none.

    Examples
    --------
    >>> editor_condition(Viewer(), "s1")
    ' AND owner_id IS NULL AND interview_id IS NULL'
    >>> editor_condition(Viewer(7, "candidate"), "s1")
    ' AND ((owner_id IS NULL AND interview_id IS NULL) OR owner_id = 7)'
    >>> editor_condition(Viewer(granted=frozenset({"s1"})), "s1")
    ''
    """
    if viewer is None or session_id in viewer.granted:
        return ""
    if viewer.user_id is not None:
        # an int: nothing to escape
        return f" AND ((owner_id IS NULL AND interview_id IS NULL) OR owner_id = {int(viewer.user_id)})"
    return " AND owner_id IS NULL AND interview_id IS NULL"
