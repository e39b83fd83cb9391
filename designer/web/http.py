"""What every view shares about HTTP: HTMX or not, redirect after POST, and the app's answer to the
domain's not-found and permission errors (JSON under ``/api``, a page elsewhere)."""

from __future__ import annotations

__all__ = ["is_htmx", "vary", "go", "json_error", "change_id", "init_error_handlers"]

import re
from typing import Any

from flask import Blueprint, Flask, flash, jsonify, make_response, redirect, request, url_for
from flask_login import current_user
from werkzeug import exceptions
from werkzeug.wrappers import Response

from designer.errors import Forbidden, NotFound


def is_htmx() -> bool:
    """Whether the request came from HTMX (it then gets a fragment, not a page)."""
    return request.headers.get("HX-Request") == "true"


def vary(response: Response) -> Response:
    """Mark a response whose body depends on ``HX-Request`` (page or fragment), for caches."""
    response.headers["Vary"] = "HX-Request"
    return response


def go(target: str) -> Response:
    """After a POST, on to ``target``: a whole new page for HTMX (HX-Redirect), a 303 without it."""
    if is_htmx():
        response = make_response("")
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, code=303)


_CHANGE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def change_id() -> str | None:
    """The page's id for the change a write carries (``X-Change-Id``), so sending it twice is harmless;
    None when there is none. One that is not 1–64 letters, digits, ``-`` or ``_`` is a 400."""
    raw = request.headers.get("X-Change-Id")
    if raw is None:
        return None
    if not _CHANGE_ID.fullmatch(raw):
        raise exceptions.BadRequest("X-Change-Id must be 1 to 64 letters, digits, '-' or '_'.")
    return raw


def json_error(status: int, message: str, **extra: Any) -> Response:
    """The API's error body: ``{"error": message, …}`` with ``status``."""
    response = jsonify({"error": message, **extra})
    response.status_code = status
    return response


def _api() -> bool:
    return request.blueprint == "api"


def _not_found(exc: NotFound) -> Response:
    if _api():
        return json_error(404, str(exc))
    return exceptions.NotFound(str(exc)).get_response()


def _forbidden(exc: Forbidden) -> Response:
    """Anonymous page views go to the sign-in page; everything else gets a bare 403 (no fragment)."""
    if _api():
        return json_error(403, str(exc))
    if not current_user.is_authenticated and request.method == "GET" and not is_htmx():
        flash("Sign in to see that page.")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return exceptions.Forbidden(str(exc)).get_response()


def init_error_handlers(scope: Flask | Blueprint) -> None:
    """Answer the domain's :class:`NotFound` with 404 and :class:`Forbidden` with 403, wherever raised.

    Registered on the app; a blueprint with a catch-all handler for ``DesignerError`` (the API)
    registers them too, since Flask asks a blueprint's handlers before the app's."""
    scope.register_error_handler(NotFound, _not_found)
    scope.register_error_handler(Forbidden, _forbidden)
