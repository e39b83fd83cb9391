"""Grade a session with a rubric: every criterion's status, points, message and evidence.

Deterministic: the same session and rubric always give the same report, ``designer.report/1``.

* A criterion's check yields findings. A problem fails it (or earns a part, when the check says
  so); no problem passes it.
* Something the answer lacks (no requirements, no client, no tables, nothing at all to judge) is a
  fail worth nothing, so leaving a part out never scores higher than writing it with mistakes.
  Only a criterion that doesn't apply to the answer (no NoSQL store to partition) or that the
  session can't tell (no history recorded) is ``not_assessable``: like ``manual`` ones, it counts
  towards neither the points earned nor the points possible. Not assessable never earns points.
* A criterion that reads another check's findings (single points of failure discussed ← found)
  can't be judged when that check can't.
* A section's score is its points earned over its points possible; the total is the sections'
  scores weighted by their weights, out of 100, over the sections with anything to assess.
* Practice hints taken cost the rubric's ``hint_cost`` fraction of the criterion's points.
"""

from __future__ import annotations

__all__ = ["grade", "REPORT_FORMAT", "format_message", "reads_history", "points_by_criterion"]

import gc
import logging
import os
from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict

from designer.checks.base import DoesNotApply, Finding, NotAssessable, Partial, SessionView
from designer.checks.registry import get_check
from designer.framework import STEPS
from designer.report import (
    REPORT_FORMAT,
    ChecklistItem,
    Evidence,
    ManualCriterion,
    Report,
    Result,
    Section,
    Status,
    no_evidence,
)
from designer.rubric import Criterion, Rubric

logger = logging.getLogger(__name__)

# What a check that found nothing at all says, unless it has its own "empty" message.
NOTHING_TO_JUDGE = "There is nothing to judge yet: work on this part of the answer first."
_TITLES = {s.id: s.title for s in STEPS}
_HINT_LEVELS = ("nudge", "pointer", "fix")


class _Quiet(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, data: dict[str, Any]) -> str:
    """Fill a message template; a placeholder without data stays visible rather than failing.

    Examples
    --------
    >>> format_message("{name} is a single point of failure", {"name": "DB"})
    'DB is a single point of failure'
    """
    return template.format_map(_Quiet(data))


class _Outcome(TypedDict):
    """What running one criterion's check gives, before points."""

    status: Status
    fraction: float
    message: str
    findings: list[Any]
    evidence: NotRequired[Evidence]


def _evidence(findings: list[Finding]) -> Evidence:
    # dicts keep first-seen order and make each membership test O(1): a big board has thousands.
    out: dict[str, dict[str, None]] = {"nodes": {}, "edges": {}, "panels": {}}
    for finding in findings:
        for kind, ident in finding.where:
            out[{"node": "nodes", "edge": "edges", "panel": "panels"}[kind]][ident] = None
    return {"nodes": list(out["nodes"]), "edges": list(out["edges"]), "panels": list(out["panels"])}


def _collect(
    check: Any, view: SessionView, params: Any
) -> tuple[list[Finding], float | None, NotAssessable | None]:
    # A check another depends on runs once per session, not once for it and once for each reader.
    key = (check.id, params.model_dump_json())
    if key not in view.verdicts:
        view.verdicts[key] = _run_check(check, view, params)
    return view.verdicts[key]


def _run_check(
    check: Any, view: SessionView, params: Any
) -> tuple[list[Finding], float | None, NotAssessable | None]:
    findings: list[Finding] = []
    partial: float | None = None
    not_assessable: NotAssessable | None = None
    for item in check.run(view, params):
        if isinstance(item, Finding):
            findings.append(item)
        elif isinstance(item, Partial):
            partial = max(0.0, min(1.0, item.fraction))
        elif isinstance(item, NotAssessable):
            not_assessable = item
    if not findings and not_assessable is None:
        # A pass needs evidence: a check that found nothing at all had nothing to judge.
        not_assessable = NotAssessable("empty", {})
    return findings, partial, not_assessable


def _unjudged_dependency(check: Any, view: SessionView) -> NotAssessable | None:
    """What the check this one reads says when it can't judge the answer (None when it can)."""
    if not check.depends_on:
        return None
    dependency = get_check(check.depends_on)
    _, _, not_assessable = _collect(dependency, view, dependency.params())
    if not_assessable is None:
        return None
    # "unjudged" is the dependent check's own message for this (a registry test makes sure it has one).
    if isinstance(not_assessable, DoesNotApply):
        return DoesNotApply("unjudged", {})
    return NotAssessable("unjudged", {})


def _run(criterion: Criterion, view: SessionView) -> _Outcome:
    check = get_check(criterion.check)
    params = check.params.model_validate(criterion.params)
    try:
        unjudged = _unjudged_dependency(check, view)
        findings: list[Finding] = []
        partial: float | None = None
        not_assessable: NotAssessable | None = unjudged
        if unjudged is None:
            findings, partial, not_assessable = _collect(check, view, params)
    except Exception:  # a check must never take the report down with it
        logger.exception("check %s failed on this session", check.id)
        return {
            "status": "error",
            "fraction": 0.0,
            "findings": [],
            "message": f"The check {check.id} failed on this session; this is a bug, not your answer.",
        }
    if os.environ.get("DESIGNER_TRACE_CHECKS") == "1":
        logger.info("check %s params=%s findings=%s", check.id, params.model_dump(), findings)
    problems = [f for f in findings if not f.passed]
    status: Status
    if isinstance(not_assessable, DoesNotApply):
        status, fraction = "not_assessable", 0.0
        shown = [Finding(not_assessable.message, not_assessable.data)]
    elif not_assessable is not None:
        # Something the answer lacks: a fail, its points still possible.
        status, fraction = "fail", 0.0
        shown = [Finding(not_assessable.message, not_assessable.data)]
    elif problems:
        status, fraction = ("partial", partial) if partial else ("fail", 0.0)
        shown = problems
    else:
        status, fraction = "pass", 1.0
        shown = findings
    # Each finding is formatted once, for the message and for the findings list alike.
    texts = {
        id(f): format_message(check.messages.get(f.message, NOTHING_TO_JUDGE), f.data)
        for f in [*shown, *findings]
    }
    return {
        "status": status,
        "fraction": fraction,
        "message": " ".join(texts[id(f)] for f in shown),
        "findings": [
            {
                "message": f.message,
                "text": texts[id(f)],
                "passed": f.passed,
                "where": [list(w) for w in f.where],
            }
            for f in findings
        ],
        "evidence": _evidence(problems or findings),
    }


def weighted_score(sections: Iterable[Section]) -> float:
    """Round each section's points and set its score; return the total, the sections' scores
    weighted by their weights (sections with no points possible don't count)."""
    weighted, weights = 0.0, 0.0
    for entry in sections:
        entry["earned"] = round(entry["earned"], 2)
        entry["score"] = round(100 * entry["earned"] / entry["max"], 1) if entry["max"] else None
        if entry["max"] and entry["weight"]:
            weighted += entry["weight"] * entry["earned"] / entry["max"]
            weights += entry["weight"]
    return round(100 * weighted / weights, 1) if weights else 0.0


def reads_history(rubric: Rubric, step: str | None = None) -> bool:
    """Whether grading ``step``'s criteria (every step's, for None) reads the session's history: the
    costliest thing to read, a row per autosave, so a grade for one step may leave it out."""
    return any(
        c.check and get_check(c.check).reads_history
        for section, c in rubric.criteria()
        if step is None or section.step == step
    )


def grade(session: dict, rubric: Rubric, hints_used: dict[str, str] | None = None) -> Report:
    """Grade a validated session file with a resolved rubric and return the ``designer.report/1``.

    Parameters
    ----------
    session : dict
        A session file (validated), with ``board``, ``panels`` and, when known, ``steps`` and
        ``history``.
    rubric : Rubric
        A rubric with ``extends`` resolved (:func:`designer.rubric.load_rubric`).
    hints_used : dict, optional
        Criterion id → the highest hint level taken (``nudge``, ``pointer``, ``fix``); read from the
        session's ``meta.hints`` when not given.
    """
    # Grading allocates many small objects and frees them all at the end; the cyclic collector's
    # passes over a large board's graph cost more than the work itself, so it waits until we are done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _grade(session, rubric, hints_used)
    finally:
        if collecting:
            gc.enable()


def _grade(session: dict, rubric: Rubric, hints_used: dict[str, str] | None) -> Report:
    view = SessionView(session, prompt=rubric.problem.prompt if rubric.problem else "")
    hints_used = (
        hints_used if hints_used is not None else dict((session.get("meta") or {}).get("hints") or {})
    )
    results: list[Result] = []
    manual: list[ManualCriterion] = []
    sections: dict[str, Section] = {}
    checklist: dict[str, ChecklistItem] = {}
    for section, criterion in rubric.criteria():
        entry = sections.setdefault(
            section.step,
            {
                "step": section.step,
                "title": _TITLES[section.step],
                "weight": section.weight or 0.0,
                "earned": 0.0,
                "max": 0.0,
            },
        )
        if criterion.manual:
            manual.append(
                {
                    "criterion": criterion.id,
                    "title": criterion.title,
                    "step": section.step,
                    "levels": [lv.model_dump() for lv in criterion.levels],
                    "points": max((lv.score for lv in criterion.levels), default=0.0),
                    "checklist": criterion.checklist,
                }
            )
            continue
        check = get_check(criterion.check)
        points = criterion.points if criterion.points is not None else float(check.points)
        outcome = _run(criterion, view)
        earned = round(points * outcome["fraction"], 2)
        hint = hints_used.get(criterion.id)
        cost = 0.0
        if hint in _HINT_LEVELS and outcome["status"] not in {"not_assessable", "error"}:
            cost = round(points * getattr(rubric.hint_cost, hint), 2)
            earned = max(0.0, round(earned - cost, 2))
        counted = outcome["status"] not in {"not_assessable", "error"}
        if counted:
            entry["earned"] += earned
            entry["max"] += points
            if criterion.checklist:
                item = checklist.setdefault(
                    criterion.checklist,
                    {
                        "id": criterion.checklist,
                        "title": rubric.checklist.get(criterion.checklist, criterion.checklist),
                        "earned": 0.0,
                        "max": 0.0,
                    },
                )
                item["earned"] += earned
                item["max"] += points
        feedback = criterion.feedback.pass_ if outcome["status"] == "pass" else criterion.feedback.fail
        results.append(
            {
                "criterion": criterion.id,
                "title": criterion.title or check.statement or check.summary,
                "check": check.id,
                "step": section.step,
                "checklist": criterion.checklist,
                "status": outcome["status"],
                "points": earned,
                "max": points if counted else 0.0,
                "message": outcome["message"],
                "feedback": feedback,
                "hint_used": hint if cost or hint in _HINT_LEVELS else None,
                "hint_cost": cost,
                "evidence": outcome.get("evidence", no_evidence()),
                "findings": outcome["findings"],
            }
        )
    score = weighted_score(sections.values())
    return {
        "format": REPORT_FORMAT,
        "rubric": {"id": rubric.id, "version": rubric.version, "title": rubric.title},
        "problem": (session.get("problem") or {}).get("id"),
        "score": score,
        "max": 100,
        "sections": list(sections.values()),
        "checklist": [{**item, "earned": round(item["earned"], 2)} for item in checklist.values()],
        "results": results,
        "manual": manual,
        "hints_used": [
            {"criterion": r["criterion"], "level": level, "cost": r["hint_cost"]}
            for r in results
            if (level := r["hint_used"])
        ],
    }


def points_by_criterion(report: Report) -> dict[str, float]:
    """The points each scored criterion earned, ``{criterion: points}``: what a session keeps of its
    grade for the session list and the cohort CSV (criteria worth nothing are left out)."""
    return {r["criterion"]: r["points"] for r in report["results"] if r["max"]}
