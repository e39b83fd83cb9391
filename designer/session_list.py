"""The session list: the sessions a viewer may see, filtered, sorted and paged, and the same as a CSV
of scores for a cohort of any size.

Which sessions a viewer's lists show is :func:`designer.access.listed`, asked of the database as
:func:`designer.access_sql.listed_condition`, so a page is two queries however many sessions there are.
"""

from __future__ import annotations

__all__ = ["SORTS", "SessionQuery", "SessionList", "CSV_COLUMNS"]

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, RowMapping, func, select

from designer.access import Viewer
from designer.access_sql import listed_condition
from designer.models import RubricVersionRow, SessionRow, table_of

_SESSIONS = table_of(SessionRow)
_RUBRIC_VERSIONS = table_of(RubricVersionRow)
#: What the session list reads of a session: everything but the board, panels and steps.
_LISTED = [c for c in _SESSIONS.c if c.name not in {"board", "panels", "steps"}]
#: The CSV's columns before the score and the points per criterion.
CSV_COLUMNS = ("session", "candidate", "problem", "rubric", "rubric_version", "mode", "status", "started_at")

#: The session list's sort keys → columns (every one ends with the id, so pages never overlap).
SORTS = ("updated", "started", "score", "candidate", "problem")


@dataclass(frozen=True)
class SessionQuery:
    """The session list's filters, sort and page; empty fields don't filter."""

    problem: str = ""
    rubric: str = ""
    mode: str = ""
    status: str = ""
    candidate: str = ""
    score_min: float | None = None
    score_max: float | None = None
    started_from: datetime | None = None
    started_to: datetime | None = None
    sort: str = "updated"
    descending: bool = True
    page: int = 1
    per_page: int = 25


class SessionList:
    """The sessions of one database as lists: a page, every match, the criteria scored, a CSV."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def rubrics_by(self, user_id: int) -> frozenset[str]:
        """The rubrics an account wrote versions of."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_RUBRIC_VERSIONS.c.rubric_id).where(_RUBRIC_VERSIONS.c.author_id == user_id).distinct()
            )
            return frozenset(r[0] for r in rows)

    def _matching(self, viewer: Viewer, query: SessionQuery) -> tuple[list, list]:
        """The WHERE conditions and ORDER BY of the sessions ``viewer`` may see that match ``query``."""
        where = [listed_condition(viewer, self.rubrics_by)]
        q = query
        for column, value in (
            (_SESSIONS.c.problem_id, q.problem),
            (_SESSIONS.c.rubric_id, q.rubric),
            (_SESSIONS.c.mode, q.mode),
            (_SESSIONS.c.status, q.status),
        ):
            if value:
                where.append(column == value)
        if q.candidate:
            pattern = "%" + q.candidate.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append(func.lower(_SESSIONS.c.candidate).like(pattern.lower(), escape="\\"))
        if q.score_min is not None:
            where.append(_SESSIONS.c.score >= q.score_min)
        if q.score_max is not None:
            where.append(_SESSIONS.c.score <= q.score_max)
        if q.started_from is not None:
            where.append(_SESSIONS.c.started_at >= q.started_from)
        if q.started_to is not None:
            where.append(_SESSIONS.c.started_at < q.started_to)
        column = {
            "updated": _SESSIONS.c.updated_at,
            "started": _SESSIONS.c.started_at,
            "score": _SESSIONS.c.score,
            "candidate": _SESSIONS.c.candidate,
            "problem": _SESSIONS.c.problem_id,
        }[q.sort if q.sort in SORTS else "updated"]
        order: list[ColumnElement[Any]] = (
            [column.desc(), _SESSIONS.c.id.desc()] if q.descending else [column.asc(), _SESSIONS.c.id.asc()]
        )
        if q.sort == "score":  # unscored (open) sessions last either way
            order.insert(0, _SESSIONS.c.score.is_(None))
        return where, order

    def search(self, viewer: Viewer, query: SessionQuery) -> tuple[list[SessionRow], int]:
        """One page of the sessions ``viewer`` may see, filtered and sorted, and how many match in all."""
        where, order = self._matching(viewer, query)
        per_page = min(max(query.per_page, 1), 200)
        page = max(query.page, 1)
        listing = (
            select(*_LISTED).where(*where).order_by(*order).limit(per_page).offset((page - 1) * per_page)
        )
        counting = select(func.count()).select_from(_SESSIONS).where(*where)
        with self.engine.connect() as conn:
            rows = [SessionRow(**m, board={}, panels={}, steps=[]) for m in conn.execute(listing).mappings()]
            total = conn.execute(counting).scalar_one()
        return rows, total

    def count(self, viewer: Viewer, query: SessionQuery) -> int:
        """How many sessions ``viewer`` may see match ``query`` (its sort and page aside)."""
        where, _ = self._matching(viewer, query)
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(_SESSIONS).where(*where)).scalar_one()

    def ids_after(self, viewer: Viewer, query: SessionQuery, after: str, limit: int) -> list[str]:
        """The next ``limit`` ids, in id order after ``after``, of the sessions ``viewer`` may see that
        match ``query``: pages by key, so a job that stops and starts again neither skips nor repeats
        a session, however the list changes meanwhile (its sort and page are ignored)."""
        where, _ = self._matching(viewer, query)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_SESSIONS.c.id)
                .where(*where, _SESSIONS.c.id > after)
                .order_by(_SESSIONS.c.id)
                .limit(limit)
            )
            return [r[0] for r in rows]

    def every_match(self, viewer: Viewer, query: SessionQuery) -> Iterator[RowMapping]:
        """Every session ``viewer`` may see that matches ``query``, in its order, without paging:
        one query read as it goes, for exports of any size. Each is a mapping of the listed
        columns, not a :class:`SessionRow` (building those cost nine tenths of a 10,000-row export)."""
        where, order = self._matching(viewer, query)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=500).execute(
                select(*_LISTED).where(*where).order_by(*order)
            )
            yield from result.mappings()

    def brief(self, session_ids: list[str]) -> dict[str, RowMapping]:
        """Each session's status, score, revision and last change, by id (one query; unknown ids left out)."""
        if not session_ids:
            return {}
        columns = (
            _SESSIONS.c.id,
            _SESSIONS.c.status,
            _SESSIONS.c.score,
            _SESSIONS.c.revision,
            _SESSIONS.c.updated_at,
        )
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(*columns).where(_SESSIONS.c.id.in_(sorted(set(session_ids))))
            ).mappings()
            return {row["id"]: row for row in rows}

    def criteria_scored(self, viewer: Viewer, query: SessionQuery) -> list[str]:
        """The criteria in the points of the sessions that match ``query``, in the order first met."""
        where, order = self._matching(viewer, query)
        seen: dict[str, None] = {}
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=1000).execute(
                select(_SESSIONS.c.points).where(*where, _SESSIONS.c.points.is_not(None)).order_by(*order)
            )
            for (points,) in result:
                seen.update(dict.fromkeys(points or {}))
        return list(seen)

    def csv_lines(self, viewer: Viewer, query: SessionQuery, batch: int = 500) -> Iterator[str]:
        """The matching sessions' scores as CSV text, in pieces of ``batch`` rows: one row per session,
        one column per criterion scored. Read as it is written (one query for the criteria, one for
        the rows), so a cohort of any size is whole and memory stays flat."""
        criteria = self.criteria_scored(viewer, query)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([*CSV_COLUMNS, "score", *criteria])
        for count, row in enumerate(self.every_match(viewer, query), 1):
            points = row["points"] or {}
            writer.writerow(
                [
                    row["id"],
                    _cell(row["candidate"]),
                    row["problem_id"],
                    row["rubric_id"] or "",
                    row["rubric_version"] or "",
                    row["mode"],
                    row["status"],
                    row["started_at"].isoformat(),
                    "" if row["score"] is None else row["score"],
                    *(points.get(c, "") for c in criteria),
                ]
            )
            if count % batch == 0:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()


def _cell(text: str) -> str:
    """A spreadsheet must not read a candidate's name as a formula.

    Examples
    --------
    >>> _cell("=HYPERLINK(1)"), _cell("Ada")
    ("'=HYPERLINK(1)", 'Ada')
    """
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
