"""Interviews: an interviewer schedules one and hands the candidate a single-use link."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from designer.errors import FieldError, Forbidden, SessionFormatError
from designer.interviews import LinkError
from designer.models import utcnow
from designer.problems import PROBLEMS
from designer.rubric import list_rubrics
from designer.sessions import _aware
from designer.web.security import grant, public, require_role
from designer.web.services import interviews, library, session_list

bp = Blueprint("interviews", __name__)


def _link(interview) -> str:
    return url_for("interviews.join", token=interviews().token(interview), _external=True)


def _index(errors: list[FieldError] | None = None, status: int = 200, scheduled=None):
    mine = interviews().of(None if current_user.role == "admin" else int(current_user.id))
    return render_template(
        "interviews/index.html",
        interviews=mine,
        sessions=session_list().brief([i.session_id for i in mine if i.session_id]),
        problems=PROBLEMS,
        rubrics=[e.id for e in library().entries(everyone=True)],
        errors=errors or [],
        scheduled=scheduled,
        link=_link,
    ), status


@bp.get("/interviews")
@require_role("interviewer")
def index():
    """The interviewer's interviews with their links and sessions, and the form to schedule one."""
    return _index()


@bp.post("/interviews")
@require_role("interviewer")
def schedule():
    """Schedule an interview: problem, rubric, length, candidate; show its single-use link."""
    form = request.form
    problem = form.get("problem", "")
    try:
        duration = int(form.get("duration_minutes") or 45)
        valid_days = float(form.get("valid_days") or 7)
    except ValueError:
        return _index([FieldError("duration_minutes", "the duration and validity must be numbers")], 422)
    try:
        interview = interviews().schedule(
            int(current_user.id),
            problem,
            form.get("rubric") or (problem if problem in list_rubrics() else "interview-checklist"),
            duration,
            form.get("candidate_name", ""),
            form.get("candidate_email", ""),
            valid_days,
        )
    except SessionFormatError as exc:
        return _index(exc.errors, 422)
    return _index(scheduled=interview)


def _own_interview(interview_id: str):
    """The interview, if it is the signed-in interviewer's (or the admin is asking); else 404 or 403."""
    interview = interviews().get(interview_id)
    if current_user.role != "admin" and interview.interviewer_id != int(current_user.id):
        raise Forbidden("This is another interviewer's interview.")
    return interview


@bp.post("/interviews/<interview_id>/link")
@require_role("interviewer")
def replace_link(interview_id: str):
    """A new link for a candidate who lost theirs (a crashed browser): the old one stops working."""
    _own_interview(interview_id)
    try:
        interview = interviews().replace_link(interview_id)
    except LinkError as exc:
        return _index([FieldError("link", str(exc))], 409)
    return _index(scheduled=interview)


@bp.post("/interviews/<interview_id>/cancel")
@require_role("interviewer")
def cancel(interview_id: str):
    """Call off an interview not yet started: its link stops working."""
    interview = _own_interview(interview_id)
    try:
        interviews().cancel(interview_id)
    except LinkError as exc:
        return _index([FieldError("cancel", str(exc))], 409)
    who = f" with {interview.candidate_name}" if interview.candidate_name else ""
    flash(f"The interview{who} on {interview.problem_id} is called off; its link no longer works.")
    return redirect(url_for("interviews.index"), code=303)


@bp.get("/join/<token>")
@public
def join(token: str) -> ResponseReturnValue:
    """The candidate's link. Opening it shows a welcome page only (link previews and prefetches must
    not use it up); the candidate's "Start" posts back and starts the session, once."""
    try:
        interview = interviews().interview_for(token)
    except LinkError as exc:
        return render_template("interviews/link_error.html", message=str(exc)), 404
    if interview.session_id and interview.session_id in session.get("granted", []):
        return redirect(url_for("workspace.show", session_id=interview.session_id), code=303)
    if interview.used_at is not None:
        message = "This interview link was already used; it starts one session only."
        return render_template("interviews/link_error.html", message=message), 410
    if _aware(interview.expires_at) <= utcnow():
        message = "This interview link has expired; ask your interviewer for a new one."
        return render_template("interviews/link_error.html", message=message), 410
    return render_template("interviews/welcome.html", interview=interview, token=token)


@bp.post("/join/<token>")
@public
def start(token: str) -> ResponseReturnValue:
    """The candidate's "Start": the interview's session begins, once; this browser holds it."""
    try:
        row = interviews().join(token)
    except LinkError as exc:
        return render_template("interviews/link_error.html", message=str(exc)), 410
    grant(row.id)
    return redirect(url_for("workspace.show", session_id=row.id), code=303)
