"""A session's grade as the web shows it: the rubric it is graded with, the report with the
interviewer's judgement folded in, and the score kept for the session list and the CSV."""

from __future__ import annotations

__all__ = ["rubric_for", "rubric_of", "graded", "judged_report", "keep_grade", "record", "sees_judgement"]

import time

from flask import abort

from designer.errors import NotFound
from designer.grading import points_by_criterion, reads_history
from designer.report import Report
from designer.reviews import apply_review
from designer.rubric import Rubric, RubricError, list_rubrics, load_rubric
from designer.web.metrics import GRADE_SECONDS, GRADES
from designer.web.security import current_viewer, may
from designer.web.services import grades, library, reviews, store


def rubric_for(problem_id: str) -> Rubric:
    """The problem's own rubric when there is one, else the generic checklist."""
    return load_rubric(problem_id if problem_id in list_rubrics() else "interview-checklist")


def rubric_of(row, latest: bool = False) -> Rubric:
    """The rubric a session is graded with: its own (at the version it was graded with, unless
    ``latest``), else its problem's, else the checklist."""
    try:
        if row.rubric_id:
            return library().load(row.rubric_id, None if latest else row.rubric_version)
        return rubric_for(row.problem_id)
    except (RubricError, NotFound) as exc:  # a broken rubric is the instructor's bug; say so plainly
        abort(500, f"The rubric can't be loaded: {exc}")


def sees_judgement() -> bool:
    """The judgement (scores, overrides, notes, recommendation, audit) is for the reviewers, the
    instructors who may see the session and the admin — not for the candidate being judged."""
    viewer = current_viewer()
    return may("review") or (viewer.role == "instructor" and may("view"))


def graded(row, rubric: Rubric, with_judgement: bool = True, with_history: bool = True) -> Report:
    """The session's grade with ``rubric``, with the interviewer's judgement folded in when asked.

    ``with_history=False`` leaves the history unread: for a view of criteria whose checks don't read
    it (the others then can't be assessed)."""
    sessions = store()
    cache = grades()
    misses, started = cache.misses, time.perf_counter()
    report = cache.grade(
        sessions.to_file(row, history=False),
        row.revision,
        rubric,
        (lambda: sessions.history(row.id, upto=row.revision)) if with_history else None,
    )
    if cache.misses > misses:  # graded afresh, not read from the cache
        GRADES.inc()
        GRADE_SECONDS.observe(time.perf_counter() - started)
    return apply_review(report, reviews().get(row.id)) if with_judgement else report


def judged_report(row, with_judgement: bool = True, step: str | None = None) -> tuple[Report, Rubric]:
    """The session's grade with its own rubric (judgement folded in when asked), and that rubric.

    For one ``step``'s results, the history is read only if that step's checks read it (practice hints
    refresh after every save)."""
    rubric = rubric_of(row)
    with_history = step is None or reads_history(rubric, step)
    return graded(row, rubric, with_judgement, with_history), rubric


def keep_grade(row, rubric: Rubric, report: Report) -> None:
    """Keep a judged report's score and points, and the rubric version, for the list and the CSV."""
    store().record_grade(row.id, rubric.id, rubric.version, report["score"], points_by_criterion(report))


def record(row, latest: bool = False) -> Report:
    """Grade (with the judgement) and keep the score and points for the list and the CSV; with
    ``latest``, grade with the newest version of the session's rubric (a regrade)."""
    rubric = rubric_of(row, latest=latest)
    report = graded(row, rubric)
    keep_grade(row, rubric, report)
    return report
