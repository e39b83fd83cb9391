"""The interviewer's judgement of a session, and its audit trail.

A review holds scores for the rubric's manual criteria (a level each), overrides of automatic
results (points and a reason), free notes and a recommendation. Every change writes an audit event —
who, when, which field, before → after — in the same transaction, and events are never changed.
:func:`apply_review` folds a review into a grade report, so the score shown is the judged one.
"""

from __future__ import annotations

__all__ = ["RECOMMENDATIONS", "ReviewError", "Reviews", "apply_review", "retotal"]

import copy
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from designer.errors import DesignerError
from designer.grading import weighted_score
from designer.models import AuditRow, ReviewRow, UserRow, table_of, utcnow
from designer.report import Report, no_evidence

_REVIEWS = table_of(ReviewRow)
_AUDIT = table_of(AuditRow)
_USERS = table_of(UserRow)
RECOMMENDATIONS = {
    "strong_hire": "Strong hire",
    "hire": "Hire",
    "lean_hire": "Lean hire",
    "lean_no_hire": "Lean no hire",
    "no_hire": "No hire",
    "strong_no_hire": "Strong no hire",
}
MAX_NOTES = 20_000


class ReviewError(DesignerError):
    """A review change that can't be made; the message names the field and what was expected."""


def _blank(session_id: str) -> dict[str, Any]:
    return {"session_id": session_id, "manual": {}, "overrides": {}, "notes": "", "recommendation": ""}


class Reviews:
    """The reviews of one database."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def get(self, session_id: str) -> ReviewRow:
        """The session's review (an empty one when nobody has judged it yet)."""
        with self.engine.connect() as conn:
            found = (
                conn.execute(select(_REVIEWS).where(_REVIEWS.c.session_id == session_id)).mappings().first()
            )
        return ReviewRow(**found) if found else ReviewRow(**_blank(session_id), updated_at=utcnow())

    def change(
        self, session_id: str, user_id: int | None, field: str, value: Any, report: Report
    ) -> ReviewRow:
        """Change one field of the review and record it in the audit trail.

        ``field`` is ``manual:<criterion>`` (value: a level's score, or None to clear),
        ``override:<criterion>`` (value: ``{"points": p, "reason": r}``, or None to clear),
        ``notes`` or ``recommendation``. ``report`` is the session's grade, to check criteria
        and points against.

        Raises
        ------
        ReviewError
            Naming the field and what was expected.
        """
        for attempt in range(2):  # two reviewers writing the first change at once: one insert wins
            try:
                return self._change(session_id, user_id, field, value, report)
            except IntegrityError:
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _change(self, session_id, user_id, field, value, report) -> ReviewRow:
        with self.engine.begin() as conn:
            found = (
                conn.execute(select(_REVIEWS).where(_REVIEWS.c.session_id == session_id)).mappings().first()
            )
            current = dict(found) if found else _blank(session_id)
            key, _, criterion = field.partition(":")
            before: Any
            if key == "manual":
                value = _manual_value(report, criterion, value)
                manual = dict(current["manual"])
                before = manual.get(criterion)
                if value is None:
                    manual.pop(criterion, None)
                else:
                    manual[criterion] = value
                values = {"manual": manual}
            elif key == "override":
                value = _override_value(report, criterion, value)
                overrides = dict(current["overrides"])
                before = overrides.get(criterion)
                if value is None:
                    overrides.pop(criterion, None)
                else:
                    overrides[criterion] = value
                values = {"overrides": overrides}
            elif field == "notes":
                value = str(value or "")
                if len(value) > MAX_NOTES:
                    raise ReviewError(f"notes: at most {MAX_NOTES:,} characters, got {len(value):,}")
                before = current["notes"]
                values = {"notes": value}
            elif field == "recommendation":
                value = str(value or "")
                if value and value not in RECOMMENDATIONS:
                    raise ReviewError(
                        f"recommendation: expected one of {', '.join(RECOMMENDATIONS)}, got {value!r}"
                    )
                before = current["recommendation"]
                values = {"recommendation": value}
            else:
                raise ReviewError(f"{field}: not a field of a review")
            if before == value:
                return ReviewRow(**{**current, "updated_at": current.get("updated_at") or utcnow()})
            now = utcnow()
            if found:
                conn.execute(
                    update(_REVIEWS)
                    .where(_REVIEWS.c.session_id == session_id)
                    .values(**values, updated_at=now)
                )
            else:
                conn.execute(insert(_REVIEWS).values(**{**current, **values, "updated_at": now}))
            conn.execute(
                insert(_AUDIT).values(
                    session_id=session_id, user_id=user_id, at=now, field=field, before=before, after=value
                )
            )
            return ReviewRow(**{**current, **values, "updated_at": now})

    def audit(self, session_id: str) -> list[dict[str, Any]]:
        """The session's audit trail, oldest first, with who made each change."""
        query = (
            select(_AUDIT, _USERS.c.email, _USERS.c.name)
            .select_from(_AUDIT.outerjoin(_USERS, _USERS.c.id == _AUDIT.c.user_id))
            .where(_AUDIT.c.session_id == session_id)
            .order_by(_AUDIT.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(m) for m in conn.execute(query).mappings()]


def _manual_value(report: Report, criterion: str, value: Any) -> float | None:
    manual = {m["criterion"]: m for m in report["manual"]}
    if criterion not in manual:
        raise ReviewError(f"manual:{criterion}: the rubric has no manual criterion {criterion!r}")
    if value in (None, ""):
        return None
    scores = [float(level["score"]) for level in manual[criterion]["levels"]]
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError(
            f"manual:{criterion}: expected one of the levels' scores {scores}, got {value!r}"
        ) from None
    if number not in scores:
        raise ReviewError(f"manual:{criterion}: expected one of the levels' scores {scores}, got {value!r}")
    return number


def _override_value(report: Report, criterion: str, value: Any) -> dict | None:
    results = {r["criterion"]: r for r in report["results"]}
    if criterion not in results:
        raise ReviewError(f"override:{criterion}: the report has no automatic result {criterion!r}")
    if value is None:
        return None
    result = results[criterion]
    possible = result["max"] or 0.0
    if not possible:
        raise ReviewError(
            f"override:{criterion}: this result counts no points ({result['status']}); nothing to override"
        )
    reason = str(value.get("reason") or "").strip()
    if not reason:
        raise ReviewError(f"override:{criterion}: say why you override it (a reason is required)")
    try:
        points = float(value.get("points"))
    except (TypeError, ValueError):
        raise ReviewError(f"override:{criterion}: points must be a number from 0 to {possible:g}") from None
    if not 0 <= points <= possible:
        raise ReviewError(f"override:{criterion}: points must be from 0 to {possible:g}, got {points:g}")
    return {"points": points, "reason": reason[:2000]}


def apply_review(report: Report, review: ReviewRow | dict | None) -> Report:
    """The report with the interviewer's manual scores and overrides folded in, totals recomputed."""
    if review is None:
        return report
    manual = review.manual if isinstance(review, ReviewRow) else review.get("manual", {})
    overrides = review.overrides if isinstance(review, ReviewRow) else review.get("overrides", {})
    if not manual and not overrides:
        return report
    out = copy.deepcopy(report)
    for result in out["results"]:
        override = overrides.get(result["criterion"])
        if override and result["max"]:
            result["override"] = {
                "from_points": result["points"],
                "from_status": result["status"],
                "points": override["points"],
                "reason": override.get("reason", ""),
            }
            result["points"] = override["points"]
            result["status"] = "overridden"
    for item in out["manual"]:
        if item["criterion"] in manual:
            item["scored"] = manual[item["criterion"]]
            out["results"].append(
                {
                    "criterion": item["criterion"],
                    "title": item["title"],
                    "check": None,
                    "step": item["step"],
                    "checklist": item.get("checklist"),
                    "status": "manual",
                    "points": manual[item["criterion"]],
                    "max": item["points"],
                    "message": next(
                        (lv["label"] for lv in item["levels"] if lv["score"] == manual[item["criterion"]]), ""
                    ),
                    "feedback": "",
                    "hint_used": None,
                    "hint_cost": 0.0,
                    "evidence": no_evidence(),
                    "findings": [],
                }
            )
    return retotal(out)


def retotal(report: Report) -> Report:
    """Recompute section, checklist and total scores from the results (weights as in the report)."""
    sections = {s["step"]: s for s in report["sections"]}
    for section in sections.values():
        section["earned"], section["max"] = 0.0, 0.0
    checklist = {c["id"]: c for c in report["checklist"]}
    for item in checklist.values():
        item["earned"], item["max"] = 0.0, 0.0
    for result in report["results"]:
        section = sections[result["step"]]
        section["earned"] += result["points"] if result["max"] else 0.0
        section["max"] += result["max"]
        key = result["checklist"]
        if key and result["max"]:
            item = checklist.setdefault(key, {"id": key, "title": key, "earned": 0.0, "max": 0.0})
            item["earned"] += result["points"]
            item["max"] += result["max"]
    for item in checklist.values():
        item["earned"] = round(item["earned"], 2)
    report["checklist"] = list(checklist.values())
    report["score"] = weighted_score(sections.values())
    return report
