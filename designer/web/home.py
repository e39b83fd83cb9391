"""The home page: the problems, their past sessions, starting a session and importing a file."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug import exceptions
from werkzeug.wrappers import Response

from designer.access import SessionFacts, Viewer, can
from designer.errors import DesignerError, FieldError, LimitExceeded, NotFound, SessionFormatError
from designer.formats import (
    IMPORTABLE,
    confirmed_board,
    import_upload,
    session_from_board,
    session_json,
    upload_too_large,
)
from designer.jobs import IMPORT_MAX_BYTES, IMPORT_MAX_FILES
from designer.problems import PROBLEMS
from designer.session_format import MAX_REQUEST_BYTES, MAX_SESSION_FILE_BYTES
from designer.session_list import SessionQuery
from designer.sessions import MODES
from designer.web.http import WIDER_LIMITS
from designer.web.security import current_viewer, grant, owner_id, public, signed_in
from designer.web.services import job_queue, session_list, store

#: Room in a one-file import's body for the multipart framing and the form's other fields.
_FORM_BYTES = 64 * 1024

bp = Blueprint("home", __name__)


@bp.get("/")
@public
def index():
    """List the problems with a Start form each, and every problem's past sessions."""
    return _index()


def _index(errors: list[FieldError] | None = None, status: int = 200):
    """The home page; with ``errors``, a start or an import that was refused, shown at its form."""
    viewer = current_viewer()
    # your own sessions: this browser's and, signed in, your account's (not everyone's)
    mine = Viewer(viewer.user_id, "candidate" if viewer.signed_in else None, viewer.granted)
    sessions, _ = session_list().search(mine, SessionQuery(per_page=200))
    by_problem: dict[str, list] = {}
    for row in sessions:
        by_problem.setdefault(row.problem_id, []).append(row)
    # What deleting needs is in the rows already (an interview's is its interviewer's: not shown here).
    deletable = {
        row.id
        for row in sessions
        if can(viewer, "delete", SessionFacts(row.id, owner_id=row.owner_id, interview_id=row.interview_id))
    }
    return render_template(
        "home/index.html",
        problems=PROBLEMS,
        by_problem=by_problem,
        deletable=deletable,
        modes=MODES,
        import_errors=errors or [],
    ), status


@bp.post("/sessions")
@public
def start() -> Response:
    """Start a session on the chosen problem and open its workspace."""
    problem_id = request.form.get("problem", "")
    mode = request.form.get("mode", "practice")
    try:
        row = store().create(
            problem_id, mode=mode, candidate=request.form.get("candidate", ""), owner_id=owner_id()
        )
    except (NotFound, SessionFormatError) as exc:
        errors = getattr(exc, "errors", None) or [FieldError("problem", str(exc))]
        return _index(errors, 422)
    grant(row.id)
    return redirect(url_for("workspace.show", session_id=row.id), code=303)


@bp.post("/sessions/import")
@public
def import_file():
    """Start a session from a session file, or show a diagram's inferred kinds to confirm first."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _index([FieldError("file", "choose a session (.json) or diagram file to import")], 422)
    suffix = Path(upload.filename).suffix.lower()
    data = upload.read()
    if suffix in IMPORTABLE:
        too_large = upload_too_large(upload.filename, len(data))  # the wider limit is a session file's
        if too_large:
            return _index([FieldError("file", too_large)], 413)
        return _confirm_diagram(upload.filename, data)
    if len(data) > MAX_SESSION_FILE_BYTES:  # the body's limit leaves room for the form around it
        return _index([FieldError("file", _SESSION_FILE_TOO_LARGE)], 413)
    try:
        raw = session_json(upload.filename, data)
    except LimitExceeded as exc:
        return _index(exc.errors, 413)
    except DesignerError as exc:
        return _index([FieldError("file", str(exc))], 422)
    try:
        row = store().import_file(raw, owner_id=owner_id(), size=len(data))
    except SessionFormatError as exc:
        return _index(exc.errors, 413 if isinstance(exc, LimitExceeded) else 422)
    grant(row.id)
    return redirect(url_for("workspace.show", session_id=row.id), code=303)


# a batch's files and a few form fields (the CSRF token) in one request
WIDER_LIMITS["home.import_batch"] = (IMPORT_MAX_BYTES, IMPORT_MAX_FILES + 10)
# one session file, a long session's download, and the form's few fields
WIDER_LIMITS["home.import_file"] = (MAX_SESSION_FILE_BYTES + _FORM_BYTES, 10)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


_SESSION_FILE_TOO_LARGE = (
    f"the file is larger than {_megabytes(MAX_SESSION_FILE_BYTES)}, the most a session file may be "
    f"({_megabytes(MAX_REQUEST_BYTES)} a diagram)"
)


@bp.post("/sessions/import/batch")
@signed_in
def import_batch():
    """Import many files at once, each into a session of your own, as a background job; its page
    shows how far it has got and what became of each file."""
    uploads = [f for f in request.files.getlist("files") if f.filename]
    # each file is read up to one byte past its limit: the job says which was too large
    files = [(f.filename or "", f.read(MAX_SESSION_FILE_BYTES + 1)) for f in uploads]
    try:
        queue = job_queue()
        job = queue.jobs.start_import(current_viewer(), files, queue.enqueue)
    except DesignerError as exc:
        return _index([FieldError("files", str(exc))], 422)
    return redirect(url_for("jobs.show", job_id=job.id), code=303)


@bp.errorhandler(exceptions.RequestEntityTooLarge)
def _too_large(_exc: exceptions.HTTPException):
    if request.endpoint == "home.import_batch" and current_user.is_authenticated:
        message = (
            f"the files together are larger than {IMPORT_MAX_BYTES // (1024 * 1024)} MB, the most one import "
            f"may carry (or more than {IMPORT_MAX_FILES} files); import them in several batches"
        )
        return _index([FieldError("files", message)], 413)
    if request.endpoint == "home.import_file" and current_user.is_authenticated:
        message = _SESSION_FILE_TOO_LARGE
    else:
        message = (
            f"the file is larger than {_megabytes(MAX_REQUEST_BYTES)}, the most one import may carry without "
            f"an account; sign in to import a session file of up to {_megabytes(MAX_SESSION_FILE_BYTES)} "
            "(a long session's download) or many files at once"
        )
    return _index([FieldError("file", message)], 413)


def _confirm_diagram(filename: str, data: bytes):
    try:
        result = import_upload(filename, data, request.form.get("page") or None)
    except DesignerError as exc:
        return _index([FieldError("file", str(exc))], 422)
    return render_template(
        "home/confirm_import.html",
        filename=filename,
        result=result,
        problems=PROBLEMS,
        board_json=json.dumps(result.board),
        action=url_for("home.confirm_import"),
        into=None,
    )


@bp.post("/sessions/import/confirm")
@public
def confirm_import():
    """Create the session from a diagram once the user has confirmed or corrected each box's kind."""
    try:
        board = confirmed_board(request.form)
    except ValueError:
        return _index([FieldError("board", "the diagram was lost on the way; upload the file again")], 422)
    problem = request.form.get("problem") or "imported"
    title = next(
        (p.title for p in PROBLEMS if p.id == problem), request.form.get("filename", "Imported diagram")
    )
    try:
        row = store().import_file(
            session_from_board(board, problem, title), mode=request.form.get("mode"), owner_id=owner_id()
        )
    except SessionFormatError as exc:
        return _index(exc.errors, 422)
    grant(row.id)
    return redirect(url_for("workspace.show", session_id=row.id, step="high_level"), code=303)
