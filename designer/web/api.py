"""The JSON API: the workspace's operations for scripts, tests and benchmarks.

Writes carry ``If-Match: <revision>``; a stale one gets 409 with the newest state, an invalid body
422 with the JSON path of each invalid field, an oversize one 413.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Response

from designer.errors import (
    DesignerError,
    FieldError,
    LimitExceeded,
    SessionClosed,
    SessionFormatError,
    StaleRevision,
)
from designer.inputs import decode_utf8, loads
from designer.openapi import openapi_document
from designer.session_format import MAX_REQUEST_BYTES, MAX_SESSION_FILE_BYTES, check_session_size
from designer.web.http import WIDER_LIMITS, change_id, init_error_handlers, json_error, replaced_ids, revision
from designer.web.security import current_viewer, grant, needs, owner_id, public
from designer.web.services import store

bp = Blueprint("api", __name__, url_prefix="/api")
BODY = "The request body"  # what errors call it
init_error_handlers(bp)  # before the catch-all for DesignerError below


@bp.before_request
def _json_only_writes():
    """Writes must say ``Content-Type: application/json``.

    The API is exempt from the CSRF token (scripts and the autosave call it); a cross-site form
    can't send this content type, and a cross-site script would need a CORS preflight the app never
    grants, so requiring it keeps another site from writing with a visitor's cookies.
    """
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if request.mimetype != "application/json":
        return json_error(
            415,
            "Send writes with Content-Type: application/json (even with an empty body).",
            errors=[
                {"path": "", "message": f"expected application/json, got {request.mimetype or 'none'!r}"}
            ],
        )
    return None


@bp.errorhandler(SessionFormatError)
def _invalid(exc: SessionFormatError) -> Response:
    status = 413 if isinstance(exc, LimitExceeded) else getattr(exc, "status", 422)
    errors = [{"path": e.path, "message": e.message} for e in exc.errors]
    return json_error(status, str(exc), errors=errors)


@bp.errorhandler(SessionClosed)
def _closed(exc: SessionClosed) -> Response:
    return json_error(409, str(exc), session_status="submitted")


@bp.errorhandler(StaleRevision)
def _stale(exc: StaleRevision) -> Response:
    row = store().get(exc.session_id)
    response = json_error(
        409,
        str(exc),
        current_revision=exc.current,
        current={"board": row.board, "panels": row.panels},
    )
    response.headers["ETag"] = f'"{exc.current}"'
    return response


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_exc: HTTPException) -> Response:
    limit = _body_limit()
    message = f"The request is larger than {limit // (1024 * 1024)} MB, the most one request may carry."
    if request.endpoint == "api.create_session" and limit < MAX_SESSION_FILE_BYTES:
        message += (
            f" Sign in to import a session file of up to {MAX_SESSION_FILE_BYTES // (1024 * 1024)} MB"
            " (a long session's download)."
        )
    return json_error(413, message)


# A session file (a long session's download keeps every revision) may be larger than one save.
WIDER_LIMITS["api.create_session"] = (MAX_SESSION_FILE_BYTES, 10)


def _body_limit() -> int:
    """This request's body limit: the app's, or the wider one an account has here (WIDER_LIMITS)."""
    return request.max_content_length or MAX_REQUEST_BYTES


@bp.errorhandler(DesignerError)
def _other(exc: DesignerError) -> Response:
    return json_error(400, str(exc))


def _json_body(path: str = "", first: Callable[[Any], None] | None = None) -> Any:
    """Parse the body at the input boundary (:func:`designer.inputs.loads`); ``path`` prefixes the
    JSON path of each error, as the validators do (``board``, ``panels.<step>``); ``first`` counts
    what must be counted before anything walks the value."""
    return loads(_body_text(), path, BODY, first=first)


def _session_file_counted(raw: Any) -> None:
    """A session file's lists counted against its limits before anything walks them (the import
    counts them again, at no cost); its size is the body's bytes, read and cached by then."""
    if isinstance(raw, dict) and "format" in raw:
        check_session_size(raw, len(request.get_data(cache=True)))


def _body_text() -> str:
    """The body as text, not yet parsed: refused if it is too large, empty or not UTF-8."""
    if request.content_length and request.content_length > _body_limit():
        raise RequestEntityTooLarge()
    raw = request.get_data(cache=True)
    if not raw:
        abort(
            json_error(
                422,
                "The request has no body; send JSON with Content-Type: application/json.",
                errors=[{"path": "", "message": "expected a JSON body"}],
            )
        )
    return decode_utf8(raw, BODY)


def _if_match() -> int:
    based_on = revision(request.headers.get("If-Match", ""))
    if based_on is None:
        abort(json_error(428, "Send the revision this change is based on as If-Match: <revision>."))
    return based_on


def _saved(row) -> Response:
    response = jsonify({"id": row.id, "revision": row.revision})
    response.headers["ETag"] = f'"{row.revision}"'
    return response


@bp.post("/sessions")
@public
def create_session() -> tuple[Response, int]:
    """Create a session from ``{"problem": id, "mode": …}`` or from a whole session file."""
    body = _json_body(first=_session_file_counted)
    if not isinstance(body, dict):
        raise SessionFormatError([])
    owner = owner_id()
    if "format" in body:
        row = store().import_file(
            body, mode=request.args.get("mode"), owner_id=owner, size=len(request.get_data(cache=True))
        )
    else:
        row = store().create(
            str(body.get("problem", "")),
            mode=str(body.get("mode", "practice")),
            candidate=str(body.get("candidate", "")),
            owner_id=owner,
        )
    grant(row.id)
    response = jsonify(
        {
            "id": row.id,
            "revision": row.revision,
            "url": url_for("workspace.show", session_id=row.id, _external=True),
            "session": store().to_file(row),
        }
    )
    response.headers["Location"] = url_for("api.get_session", session_id=row.id)
    response.headers["ETag"] = f'"{row.revision}"'
    return response, 201


@bp.get("/sessions/<session_id>")
@needs("view")
def get_session(session_id: str) -> Response:
    """Return the session file, with its revision as the ETag."""
    row = store().get(session_id)
    history = request.args.get("history", "1") != "0"
    response = jsonify(store().to_file(row, history=history))
    response.headers["ETag"] = f'"{row.revision}"'
    return response


@bp.put("/sessions/<session_id>/board")
@needs("edit", in_store=True)  # checked in the save's own UPDATE
def put_board(session_id: str) -> Response:
    """Replace the board with Cytoscape elements JSON."""
    based_on = _if_match()
    saved = store().save_board_json(
        session_id,
        _body_text(),
        based_on,
        editor=current_viewer(),
        change_id=change_id(),
        replaces=replaced_ids(),
        what=BODY,
    )
    return _saved(saved)


@bp.put("/sessions/<session_id>/panels/<step>")
@needs("edit")
def put_panel(session_id: str, step: str) -> Response:
    """Replace one step's panel."""
    based_on = _if_match()
    body = _json_body(f"panels.{step}")
    return _saved(store().save_panel(session_id, step, body, based_on, change_id(), replaced_ids()))


@bp.post("/sessions/<session_id>/steps")
@needs("edit")
def enter_step(session_id: str) -> Response:
    """Record that the candidate entered a step: ``{"step": "api"}``."""
    body = _json_body()
    step = body.get("step") if isinstance(body, dict) else None
    row = store().enter_step(session_id, str(step))
    return jsonify({"steps": row.steps, "revision": row.revision})


@bp.get("/sessions/<session_id>/revisions")
@needs("view")
def list_revisions(session_id: str) -> Response:
    """List the revisions: number, time and what changed."""
    revisions = store().revisions(session_id)
    return jsonify([{"number": r.number, "at": r.at, "change": r.change} for r in revisions])


@bp.get("/sessions/<session_id>/revisions/<int:number>")
@needs("view")
def get_revision(session_id: str, number: int) -> Response:
    """Return one revision's board and panels."""
    r = store().revision(session_id, number)
    return jsonify({"number": r.number, "at": r.at, "change": r.change, "board": r.board, "panels": r.panels})


@bp.post("/sessions/<session_id>/revisions/<int:number>/restore")
@needs("edit")
def restore_revision(session_id: str, number: int) -> Response:
    """Make an old revision the newest (adds a revision, deletes none)."""
    return _saved(store().restore(session_id, number, _if_match()))


@bp.post("/sessions/<session_id>/revisions/<int:number>/merge")
@needs("edit")
def merge_revision(session_id: str, number: int) -> Response:
    """Keep both: add what revision ``number`` had of one part (``{"part": "board"}`` or a step's
    panel, ``{"part": "estimates"}``) to the newest, as a new revision."""
    body = _json_body()
    part = body.get("part") if isinstance(body, dict) else None
    if not isinstance(part, str):
        raise SessionFormatError(
            [FieldError("part", 'expected "board" or a step\'s panel, e.g. "estimates"')]
        )
    return _saved(store().merge(session_id, number, part, _if_match()))


@bp.post("/sessions/<session_id>/submit")
@needs("edit")
def submit(session_id: str) -> Response:
    """End the session; it is read-only from then on."""
    row = store().submit(session_id)
    return jsonify({"id": row.id, "status": row.status, "revision": row.revision})


@bp.get("/openapi.json")
@public
def openapi() -> Response:
    """This API described as OpenAPI 3.1 (its bodies' schemas are the session file's own)."""
    return jsonify(openapi_document())


@bp.route("/ping", methods=["GET", "POST", "PUT"])
@public
def ping() -> Response:
    """Answer at once: the page's "is the server back?" probe and the benchmark's no-op baseline."""
    if request.method != "GET":
        _json_body()
    return jsonify({"ok": True})
