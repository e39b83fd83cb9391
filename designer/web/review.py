"""Interviewers' side: the session list, the review page (replay, time per step, judgement with its
audit trail), live watching, and exports of reviews and of a cohort's scores."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from designer.estimates import evaluate_rows
from designer.formats.svg import write_svg
from designer.framework import STEPS, budgets, time_per_step
from designer.problems import PROBLEMS
from designer.reviews import RECOMMENDATIONS, ReviewError, apply_review
from designer.session_list import SORTS, SessionQuery
from designer.web.http import date_arg, int_arg, number_arg
from designer.web.judging import graded, judged_report, keep_grade, rubric_of, sees_judgement
from designer.web.security import current_viewer, may, needs, signed_in
from designer.web.services import accounts, library, reviews, session_list, store
from designer.web.workspace import capacity_context

bp = Blueprint("review", __name__)
STEP_TITLES = {s.id: s.title for s in STEPS}
PER_PAGE = (25, 50, 100)


# ---------------------------------------------------------------------------- the session list


def _query() -> SessionQuery:
    args = request.args
    until = date_arg("to")
    # a page past the last shows none; past a million it is no page anyone asked for
    page = int_arg("page", 1, 1, 1_000_000)
    per_page = int_arg("per_page", 25, 1, 1_000)
    try:
        started_to = until + timedelta(days=1) if until else None  # "to" includes that whole day
    except OverflowError:  # 9999-12-31: no later day to stop before
        started_to = None
    return SessionQuery(
        problem=args.get("problem", ""),
        rubric=args.get("rubric", ""),
        mode=args.get("mode", ""),
        status=args.get("status", ""),
        candidate=args.get("candidate", "").strip(),
        score_min=number_arg("score_min"),
        score_max=number_arg("score_max"),
        started_from=date_arg("from"),
        started_to=started_to,
        sort=next((s for s in SORTS if s == args.get("sort")), "updated"),
        descending=args.get("dir", "desc") != "asc",
        page=page,
        per_page=per_page if per_page in PER_PAGE else 25,
    )


@bp.get("/sessions")
@signed_in
def sessions():
    """The sessions this account may see, filtered, sorted and paged."""
    query = _query()
    rows, total = session_list().search(current_viewer(), query)
    pages = max(1, -(-total // query.per_page))
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "review/sessions.html",
        rows=rows,
        total=total,
        query=query,
        pages=pages,
        args=args,
        problems=PROBLEMS,
        rubrics=[e.id for e in library().entries(everyone=True)],
        per_page_choices=PER_PAGE,
        recommendations=RECOMMENDATIONS,
    )


@bp.get("/sessions.csv")
@signed_in
def sessions_csv() -> Response:
    """The filtered sessions' scores: one row per session, one column per criterion, streamed as read."""
    lines = session_list().csv_lines(current_viewer(), _query())
    response = Response(stream_with_context(lines), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="sessions.csv"'
    return response


# ---------------------------------------------------------------------------- the review page


def time_chart(row) -> list[dict]:
    """Per step: seconds spent and budgeted, and bar widths (percent of the longest) for the SVG."""
    elapsed = store().on_the_clock(row)
    spent = time_per_step(row.steps or [], elapsed)
    budget = budgets(row.duration_minutes)
    longest = max([*spent.values(), *budget.values(), 1])
    return [
        {
            "step": s.id,
            "title": s.title,
            "spent": spent[s.id],
            "budget": budget[s.id],
            "spent_pct": round(100 * spent[s.id] / longest, 1),
            "budget_pct": round(100 * budget[s.id] / longest, 1),
            "over": spent[s.id] > budget[s.id],
        }
        for s in STEPS
    ]


def _step_at(row, seconds: float) -> str:
    current = "requirements"
    for change in row.steps or []:
        if change["at"] <= seconds:
            current = change["step"]
    return current


def _by_step(report) -> dict[str, list]:
    by_step: dict[str, list] = {}
    for result in report["results"]:
        by_step.setdefault(result["step"], []).append(result)
    return by_step


def _panels_html(panels: dict) -> str:
    return render_template(
        "review/_panels.html", panels=panels, evaluated=evaluate_rows(panels.get("estimates") or [])
    )


@bp.get("/s/<session_id>/review")
@needs("grade")
def show(session_id: str):
    """The board with evidence, every panel, the judged report, replay, time per step, judgement."""
    return _review_page(session_id)


def _review_page(session_id: str, error: str | None = None):
    """The review page; with ``error``, a judgement that was refused, shown above the judgement (422)."""
    row = store().get(session_id)
    judgement = sees_judgement()
    report, rubric = judged_report(row, judgement)
    revisions = store().revision_list(session_id)
    by_step = _by_step(report)
    markers = []
    for change in row.steps or []:
        # the replay's position for a step change: the last revision saved before it (the board as
        # the step began), or the first one
        before = [r["number"] for r in revisions if r["at"] <= change["at"]]
        markers.append(
            {
                "step": change["step"],
                "title": STEP_TITLES.get(change["step"], change["step"]),
                "at": change["at"],
                "revision": before[-1] if before else 1,
            }
        )
    capacity = capacity_context(row, {}, failures=True) if may("grade") else {"row": row}
    return render_template(
        "review/show.html",
        **capacity,
        controls=True,
        report=report,
        rubric=rubric,
        by_step=by_step,
        board=row.board,
        panels_html=_panels_html(row.panels),
        revisions=revisions,
        markers=markers,
        chart=time_chart(row),
        review=reviews().get(session_id) if judgement else None,
        audit=reviews().audit(session_id) if judgement else [],
        recommendations=RECOMMENDATIONS,
        can_review=may("review"),
        sees_judgement=judgement,
        step_titles=STEP_TITLES,
        judgement_error=error,
    ), (422 if error else 200)


@bp.get("/s/<session_id>/replay/<int:number>")
@needs("view")
def replay(session_id: str, number: int):
    """One revision as it was: board, panels (as HTML) and the step open at that moment."""
    row = store().get(session_id)
    revision = store().revision(session_id, number)
    return _moment(
        revision.number,
        revision.at,
        revision.change,
        _step_at(row, revision.at),
        revision.board,
        revision.panels,
    )


def _moment(number: int, at: float, change: str, step: str, board: dict, panels: dict, **extra) -> Response:
    """A moment of the session as the replay and live updates send it: board, panels as HTML, step."""
    return jsonify(
        number=number,
        at=at,
        change=change,
        step=step,
        step_title=STEP_TITLES.get(step, step),
        board=board,
        panels_html=_panels_html(panels),
        **extra,
    )


@bp.get("/s/<session_id>/live")
@needs("view")
def live(session_id: str):
    """What changed since ``since``: 204 when nothing did, else the newest board, panels and step.

    Every worker reads the database, so this works however many gunicorn workers serve it.
    """
    since = int_arg("since", 0, 0)
    steps_seen = int_arg("steps", -1, -1)
    row = store().get(session_id)
    # a step change or a submit doesn't add a revision, so they count as news too
    if row.revision == since and len(row.steps or []) == steps_seen and row.status == "open":
        return "", 204
    step = (row.steps or [{"step": "requirements"}])[-1]["step"]
    # The score and results follow the work too, not only the board (graded once per revision: cached).
    report, _ = judged_report(row, sees_judgement())
    results_html = render_template(
        "report/_results.html", report=report, by_step=_by_step(report), row=row, can_review=may("review")
    )
    return _moment(
        row.revision,
        store().elapsed(row),
        "live",
        step,
        row.board,
        row.panels,
        steps=len(row.steps or []),
        status=row.status,
        score=report["score"],
        results_html=results_html,
    )


@bp.post("/s/<session_id>/review")
@needs("review")
def judge(session_id: str):
    """Change one part of the judgement (manual score, override, notes, recommendation); audited."""
    row = store().get(session_id)
    form = request.form
    field = form.get("field", "")
    value: dict[str, str | None] | str | None
    if field.startswith("override:"):
        value = (
            None if form.get("clear") else {"points": form.get("points"), "reason": form.get("reason", "")}
        )
    else:
        value = form.get("value")
    rubric = rubric_of(row)
    automatic = graded(row, rubric, with_judgement=False)  # graded once: checked against, then kept
    try:
        review = reviews().change(session_id, int(current_user.id), field, value, automatic)
    except ReviewError as exc:
        return _review_page(session_id, error=str(exc))
    if row.status != "open":
        keep_grade(row, rubric, apply_review(automatic, review))
    return redirect(url_for("review.show", session_id=session_id, _anchor="judgement"), code=303)


@bp.post("/s/<session_id>/share")
@needs("review")
def share(session_id: str):
    """Share the session with another interviewer by email."""
    user = accounts().by_email(request.form.get("email", ""))
    if user is None or user.id is None or user.role not in ("interviewer", "admin"):
        return _review_page(session_id, error="share: there is no interviewer with that email")
    store().share(session_id, user.id)
    return redirect(url_for("review.show", session_id=session_id, _anchor="judgement"), code=303)


@bp.get("/s/<session_id>/review.<fmt>")
@needs("grade")
def export(session_id: str, fmt: str):
    """The review as a printable HTML page or as Markdown: board picture, panels, scores, notes."""
    if fmt not in ("html", "md"):
        abort(404, "The review exports are .html and .md.")
    row = store().get(session_id)
    judgement = sees_judgement()
    report, rubric = judged_report(row, judgement)
    context = {
        **capacity_context(row, {}, failures=True),
        "controls": False,
        "report": report,
        "rubric": rubric,
        "review": reviews().get(session_id) if judgement else {"notes": "", "recommendation": ""},
        "audit": reviews().audit(session_id) if judgement else [],
        "recommendations": RECOMMENDATIONS,
        "chart": time_chart(row),
        "panels": row.panels,
        "evaluated": evaluate_rows(row.panels.get("estimates") or []),
        "step_titles": STEP_TITLES,
    }
    if fmt == "html":
        context["board_svg"] = write_svg(row.board)
        response = make_response(render_template("review/export.html", **context))
        response.headers["Content-Type"] = "text/html; charset=utf-8"
    else:
        response = make_response(render_template("review/export.md", **context))
        response.headers["Content-Type"] = "text/markdown; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="review-{row.problem_id}-{row.id[:8]}.{fmt}"'
    )
    return response
