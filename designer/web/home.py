"""The home page: the problems, their past sessions, starting a session and importing a file."""

from __future__ import annotations

import json

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from designer.errors import FieldError, NotFound, SessionFormatError
from designer.problems import PROBLEMS
from designer.sessions import MODES
from designer.web import store

bp = Blueprint("home", __name__)


@bp.get("/")
def index(errors: list[FieldError] | None = None, status: int = 200):
    """List the problems with a Start form each, and every problem's past sessions."""
    sessions = store().list(limit=200)
    by_problem: dict[str, list] = {}
    for row in sessions:
        by_problem.setdefault(row.problem_id, []).append(row)
    return render_template(
        "home/index.html",
        problems=PROBLEMS,
        by_problem=by_problem,
        modes=MODES,
        import_errors=errors or [],
    ), status


@bp.post("/sessions")
def start() -> Response:
    """Start a session on the chosen problem and open its workspace."""
    problem_id = request.form.get("problem", "")
    mode = request.form.get("mode", "practice")
    try:
        row = store().create(problem_id, mode=mode, candidate=request.form.get("candidate", ""))
    except (NotFound, SessionFormatError) as exc:
        errors = getattr(exc, "errors", None) or [FieldError("problem", str(exc))]
        return index(errors, 422)
    return redirect(url_for("workspace.show", session_id=row.id), code=303)


@bp.post("/sessions/import")
def import_file():
    """Start a session from an uploaded ``designer.session/1`` file."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return index([FieldError("file", "choose a .json session file to import")], 422)
    try:
        raw = json.loads(upload.read().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return index([FieldError("file", f"{upload.filename} is not valid JSON: {exc}")], 422)
    try:
        row = store().import_file(raw)
    except SessionFormatError as exc:
        return index(exc.errors, 422)
    return redirect(url_for("workspace.show", session_id=row.id), code=303)
