"""The grade report of a session, and practice-mode hints: the grader, shown in the browser."""

from __future__ import annotations

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from designer.errors import SessionClosed
from designer.web.http import is_htmx, vary
from designer.web.judging import judged_report, rubric_of, sees_judgement
from designer.web.security import may, needs
from designer.web.services import store
from designer.web.workspace import capacity_context

bp = Blueprint("report", __name__, url_prefix="/s")
HINT_LEVELS = ("nudge", "pointer", "fix")


def _graded(session_id: str, step: str | None = None):
    """The session, its rubric and its grade as the viewer may see it (for one ``step``'s results:
    see :func:`designer.web.judging.judged_report`)."""
    row = store().get(session_id)
    report, rubric = judged_report(row, sees_judgement(), step)
    return row, rubric, report


@bp.get("/<session_id>/report")
@needs("view")
def show(session_id: str) -> Response:
    """Show the grade report: score, sections, checklist, every criterion with its evidence."""
    if not may("grade"):  # an interview's candidate: the grade is for the interviewers
        row = store().get(session_id)
        return make_response(render_template("report/interview_candidate.html", row=row))
    row, rubric, report = _graded(session_id)
    by_step: dict[str, list] = {}
    for result in report["results"]:
        by_step.setdefault(result["step"], []).append(result)
    capacity = capacity_context(row, {}, failures=True)
    return vary(
        make_response(
            render_template(
                "report/show.html",
                **capacity,
                rubric=rubric,
                report=report,
                by_step=by_step,
                board=row.board,
                controls=False,
            )
        )
    )


@bp.get("/<session_id>/report.json")
@needs("grade")
def show_json(session_id: str) -> Response:
    """The report as ``designer.report/1`` JSON."""
    _, _, report = _graded(session_id)
    return report


def _hints_context(session_id: str, step: str | None):
    row, rubric, report = _graded(session_id, step)
    rubric_criteria = {c.id: c for _, c in rubric.criteria()}
    missing = [
        r
        for r in report["results"]
        if r["status"] in {"fail", "partial"} and (step is None or r["step"] == step)
    ]
    taken = (row.meta or {}).get("hints") or {}
    items = []
    for result in missing:
        hints = rubric_criteria[result["criterion"]].hints
        level = taken.get(result["criterion"])
        shown = HINT_LEVELS[: HINT_LEVELS.index(level) + 1] if level in HINT_LEVELS else ()
        available = [lv for lv in HINT_LEVELS if hints and getattr(hints, lv)]
        items.append(
            {
                "criterion": result["criterion"],
                "title": result["title"],
                "shown": [(lv, getattr(hints, lv)) for lv in shown if hints and getattr(hints, lv)],
                "next": next((lv for lv in available if lv not in shown), None),
                "cost": rubric.hint_cost,
            }
        )
    return row, items


@bp.get("/<session_id>/hints")
@needs("grade")
def hints(session_id: str) -> Response:
    """Practice mode: what is still missing in this step, without the answer; hints on request."""
    step = request.args.get("step")
    row, items = _hints_context(session_id, step)
    if row.mode != "practice":
        abort(403, "Hints are for practice sessions; this is an interview.")
    return make_response(render_template("report/_hints.html", row=row, items=items, step=step))


@bp.post("/<session_id>/hints/<criterion>")
@needs("edit")  # a hint costs the candidate points: theirs alone to take, as their answer is
def take_hint(session_id: str, criterion: str) -> Response:
    """Reveal the next hint level of one criterion; a rubric may charge points for it."""
    level = request.form.get("level", "")
    if level not in HINT_LEVELS:
        abort(422, f"The hint level must be one of {', '.join(HINT_LEVELS)}, got {level!r}.")
    criteria = {c.id for _, c in rubric_of(store().get(session_id)).criteria()}
    try:
        row = store().take_hint(session_id, criterion, level, criteria)
    except SessionClosed as exc:
        abort(409, str(exc))
    step = request.form.get("step") or None
    if not is_htmx():
        return redirect(url_for("workspace.show", session_id=session_id, step=step), code=303)
    _, items = _hints_context(session_id, step)
    return make_response(render_template("report/_hints.html", row=row, items=items, step=step))
