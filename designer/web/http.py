"""What every view shares about HTTP: HTMX or not, redirect after POST, and the app's answer to the
domain's not-found and permission errors (JSON under ``/api``, a page elsewhere)."""

from __future__ import annotations

__all__ = [
    "MAX_SQL_INT",
    "is_htmx",
    "vary",
    "go",
    "json_error",
    "change_id",
    "replaced_ids",
    "revision",
    "int_arg",
    "number_arg",
    "date_arg",
    "init_error_handlers",
    "init_input_checks",
    "WIDER_LIMITS",
]

import math
import re
from datetime import datetime
from typing import Any

from flask import Blueprint, Flask, flash, jsonify, make_response, redirect, request, url_for
from flask_login import current_user
from werkzeug import exceptions
from werkzeug.routing import IntegerConverter
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


def replaced_ids() -> frozenset[str]:
    """The ids of the page's earlier changes to the same thing whose answers it never had
    (``X-Replaces: id,id``): revisions they made are no conflict with this change. At most 20;
    a malformed list is a 400."""
    raw = request.headers.get("X-Replaces", "").strip()
    if not raw:
        return frozenset()
    ids = [part.strip() for part in raw.split(",")]
    if len(ids) > 20 or not all(_CHANGE_ID.fullmatch(i) for i in ids):
        raise exceptions.BadRequest("X-Replaces must be at most 20 change ids, separated by commas.")
    return frozenset(ids)


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


#: The largest value of an INTEGER column (revision numbers, versions, account ids) on PostgreSQL.
MAX_SQL_INT = 2**31 - 1


class SqlIntConverter(IntegerConverter):
    """``<int:…>`` in a route, bounded by what an INTEGER column holds: a larger number is a 404 (no
    such revision), not a database overflow."""

    def __init__(self, map, *args: Any, **kwargs: Any) -> None:  # noqa: A002 - werkzeug's name
        kwargs.setdefault("max", MAX_SQL_INT)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> int:
        if len(value) > 10:  # past 2**31 anyway; int() of thousands of digits is slow
            raise exceptions.NotFound()  # werkzeug's ValidationError would try the next rule
        return super().to_python(value)


def _whole_number(raw: str, name: str, lowest: int, highest: int, what: str = "a whole number") -> int:
    """``raw`` as a whole number from ``lowest`` to ``highest``, or a 400 naming ``name``. Checked by
    its digits first: ``int()`` of thousands of digits is slow, and past 2**31 would overflow SQL."""
    if not re.fullmatch(r"-?[0-9]{1,10}", raw) or not lowest <= int(raw) <= highest:
        shown = raw if len(raw) <= 24 else raw[:20] + "…"
        raise exceptions.BadRequest(f"{name} must be {what} from {lowest:,} to {highest:,}, got {shown!r}.")
    return int(raw)


def revision(raw: str, name: str = "If-Match") -> int | None:
    """A revision as a page sends it (``If-Match: 3``, an ETag ``W/"3"``, or a form's revision
    field): None when empty, a 400 naming ``name`` unless a whole number from 0 to
    :data:`MAX_SQL_INT` (a larger one would overflow the database's comparison)."""
    value = raw.strip().removeprefix("W/").strip('"')
    return _whole_number(value, name, 0, MAX_SQL_INT, "a revision number") if value else None


def int_arg(name: str, default: int, lowest: int = 1, highest: int = MAX_SQL_INT) -> int:
    """The query parameter ``name`` as a whole number from ``lowest`` to ``highest``, or a 400 naming it."""
    raw = request.args.get(name, "").strip()
    return _whole_number(raw, name, lowest, highest) if raw else default


def number_arg(name: str) -> float | None:
    """The query parameter ``name`` as a finite number, None when absent, or a 400 naming it."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise exceptions.BadRequest(f"{name} must be a number, got {raw[:24]!r}.")
    return value


def date_arg(name: str) -> datetime | None:
    """The query parameter ``name`` as a date (local time), None when absent, or a 400 naming it."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=datetime.now().astimezone().tzinfo)
    except ValueError:
        raise exceptions.BadRequest(f"{name} must be a date like 2026-11-25, got {raw[:24]!r}.") from None


def _nul_in_request() -> str | None:
    """Which part of the request holds a NUL character (PostgreSQL refuses it in text), if any."""
    parts: list[tuple[str, Any]] = [
        *((f"the path's {k}", v) for k, v in (request.view_args or {}).items()),
        *((f"the query parameter {k!r}", v) for k, v in request.args.items(multi=True)),
    ]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        parts += [(f"the form field {k!r}", v) for k, v in request.form.items(multi=True)]
        parts += [(f"the file name of {k!r}", f.filename or "") for k, f in request.files.items(multi=True)]
    for where, value in parts:
        if (isinstance(value, str) and "\x00" in value) or "\x00" in where:
            return where.replace("\x00", "\\x00")
    return None


def _refuse_nul() -> None:
    """A 400 naming the part of the request with a NUL (JSON under ``/api``, by :func:`_http_error`)."""
    where = _nul_in_request()
    if where is not None:
        raise exceptions.BadRequest(
            f"{where[0].upper()}{where[1:]} contains a NUL character, which no text may hold."
        )


#: Endpoints that take more than one request's bytes — a batch of files, a long session's file — and
#: their limits (bytes, form parts), granted only to a signed-in account: anyone else keeps the app's.
WIDER_LIMITS: dict[str, tuple[int, int]] = {}


def _widen_limits() -> None:
    """Raise the body limit for the endpoints of :data:`WIDER_LIMITS` before anything reads the body
    (a body over the limit is refused by its Content-Length, unread)."""
    limits = WIDER_LIMITS.get(request.endpoint or "")
    if limits is not None and current_user.is_authenticated:
        request.max_content_length, request.max_form_parts = limits


def init_input_checks(app: Flask) -> None:
    """Bound ``<int:…>`` routes, widen the body limit where :data:`WIDER_LIMITS` says, and refuse NUL
    characters in any request text, before any view or guard reads them (call before the blueprints
    are registered and before the security guard)."""
    app.url_map.converters["int"] = SqlIntConverter
    app.before_request(_widen_limits)
    app.before_request(_refuse_nul)


def _http_error(exc: exceptions.HTTPException) -> Response | exceptions.HTTPException:
    """Under ``/api`` an HTTP error is JSON like the API's own; elsewhere werkzeug's page."""
    if _api() and exc.code:
        return json_error(exc.code, exc.description or exc.name)
    return exc


def init_error_handlers(scope: Flask | Blueprint) -> None:
    """Answer the domain's :class:`NotFound` with 404 and :class:`Forbidden` with 403, wherever raised.

    Registered on the app; a blueprint with a catch-all handler for ``DesignerError`` (the API)
    registers them too, since Flask asks a blueprint's handlers before the app's."""
    scope.register_error_handler(NotFound, _not_found)
    scope.register_error_handler(Forbidden, _forbidden)
    scope.register_error_handler(exceptions.HTTPException, _http_error)
