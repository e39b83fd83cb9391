"""Who is asking and what they may do, and the app-wide security settings.

- **Access, declared at each view.** Every view says what it needs with one decorator:
  :func:`needs` (an action on the session in its URL, checked against :mod:`designer.access` before
  the view runs), :func:`needs_rubric` (reading or editing the rubric in its URL),
  :func:`require_role`, :func:`signed_in` or :func:`public`. The guard reads that
  declaration; :func:`check_declared` refuses to start an app with a view that declares nothing, so
  a new route can't silently fall under a default.
- **CSRF** (flask-wtf; the token travels in a form field or, for HTMX and fetch, in the
  ``X-CSRFToken`` header), cookie flags and the Content-Security-Policy (no inline scripts: the
  pages' only inline ``<script>`` blocks are JSON data, which browsers don't run).
- **Sign-in attempts** are rate limited per address with the ``limits`` library (a moving window,
  in memory or in Redis when ``DESIGNER_REDIS_URL`` is set, so every worker shares the count).
"""

from __future__ import annotations

__all__ = [
    "init_security",
    "check_declared",
    "csrf",
    "current_viewer",
    "grant",
    "owner_id",
    "may",
    "needs",
    "require_role",
    "needs_rubric",
    "may_read_rubric",
    "may_edit_rubric",
    "signed_in",
    "public",
    "login_attempt_allowed",
]

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.wrappers import Response

from designer.access import ACTIONS, SessionFacts, Viewer, can
from designer.accounts import normalise_email
from designer.errors import Forbidden
from designer.rate_limits import DatabaseStorage
from designer.web.services import library, store

csrf = CSRFProtect()
#: The sessions a browser remembers holding, newest first: ~23 bytes each in the cookie, which a
#: browser drops past 4 KB (keeping its old copy, without the newest session). Older ones stay open
#: by their link; signed in, an account keeps its sessions whatever the cookie forgets.
MAX_GRANTS = 100

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Cytoscape and HTMX set style attributes; styles can't run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


@dataclass(frozen=True)
class Access:
    """What a view declared it needs: ``kind`` is ``session`` or ``rubric`` (``detail`` the action),
    ``role`` (``detail`` the roles), ``signed_in`` or ``public``. ``in_store`` marks a session write whose
    store method checks the viewer itself (in its UPDATE), so the guard skips the extra query."""

    kind: str
    detail: tuple[str, ...] = ()
    in_store: bool = False


def _declare(view: Callable, access: Access) -> Callable:
    view.access = access  # type: ignore[attr-defined]
    return view


def needs(action: str, in_store: bool = False) -> Callable[[Callable], Callable]:
    """Declare that a view acts on the session in its URL and needs ``action`` on it (see
    :data:`designer.access.ACTIONS`); the guard checks it before the view runs."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; the actions are {', '.join(ACTIONS)}")
    return lambda view: _declare(view, Access("session", (action,), in_store))


def public(view: Callable) -> Callable:
    """Declare that anyone may open a view (practice needs no account)."""
    return _declare(view, Access("public"))


def _check_account(roles: tuple[str, ...] = ()) -> None:
    """Refuse anyone not signed in, and (when ``roles`` are given) any role but those and the admin."""
    if not current_user.is_authenticated:
        raise Forbidden("Sign in to see that page.")
    if roles and current_user.role not in roles and current_user.role != "admin":
        raise Forbidden(f"This page is for {' and '.join(roles)}s.")


def require_role(*roles: str) -> Callable[[Callable], Callable]:
    """A view only these roles may open (the admin always may)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            _check_account(roles)
            return view(*args, **kwargs)

        return _declare(wrapped, Access("role", roles))

    return decorator


def may_edit_rubric(rubric_id: str) -> bool:
    """Whether the signed-in account may change a rubric: one it wrote (the admin: any) — never a
    built-in one, which is duplicated instead."""
    if library().built_in(rubric_id):
        return False
    return current_user.role == "admin" or int(current_user.id) in store().rubric_authors(rubric_id)


def may_read_rubric(rubric_id: str) -> bool:
    """Whether the signed-in account may read (and build on) a rubric: a built-in one or one it may edit."""
    return library().built_in(rubric_id) or may_edit_rubric(rubric_id)


def needs_rubric(action: str) -> Callable[[Callable], Callable]:
    """A view of the rubric in its URL (``rubric_id``), for instructors and the admin, that needs to
    ``read`` it or to ``edit`` it (see :func:`may_read_rubric`, :func:`may_edit_rubric`)."""
    allowed = {"read": may_read_rubric, "edit": may_edit_rubric}[action]
    refusal = (
        "This rubric is another instructor's."
        if action == "read"
        else "Built-in rubrics are read-only (duplicate one); others' rubrics are theirs."
    )

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            _check_account(("instructor",))
            if not allowed(kwargs["rubric_id"]):
                raise Forbidden(refusal)
            return view(*args, **kwargs)

        return _declare(wrapped, Access("rubric", (action,)))

    return decorator


def signed_in(view: Callable) -> Callable:
    """A view for any signed-in account (what it lists is filtered by the access policy)."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        _check_account()
        return view(*args, **kwargs)

    return _declare(wrapped, Access("signed_in"))


def check_declared(app: Flask) -> None:
    """Refuse an app with a view that declares no access, a session route not declared with
    :func:`needs` or a rubric route not declared with :func:`needs_rubric` (a route with
    ``<session_id>`` or ``<rubric_id>`` must say what it needs of that session or rubric).

    Raises
    ------
    RuntimeError
        Naming each such endpoint.
    """
    problems = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        access = getattr(app.view_functions[rule.endpoint], "access", None)
        if access is None:
            problems.append(f"{rule.endpoint} ({rule.rule}) declares no access")
        elif "session_id" in rule.arguments and access.kind != "session":
            problems.append(
                f"{rule.endpoint} ({rule.rule}) acts on a session but is not declared with needs()"
            )
        elif "rubric_id" in rule.arguments and access.kind != "rubric":
            problems.append(
                f"{rule.endpoint} ({rule.rule}) acts on a rubric but is not declared with needs_rubric()"
            )
    if problems:
        raise RuntimeError(
            "Declare what each view needs (@needs, @needs_rubric, @require_role, @signed_in or @public): "
            + "; ".join(problems)
        )


def current_viewer() -> Viewer:
    """Who is asking, for the access policy."""
    if "viewer" not in g:
        granted = frozenset(session.get("granted", []))
        if not _plainly_signed_out() and current_user.is_authenticated:
            g.viewer = Viewer(int(current_user.id), current_user.role, granted)
        else:
            g.viewer = Viewer(granted=granted)
    return g.viewer


def _plainly_signed_out() -> bool:
    """Whether the request carries no account at all: no user id in its session, no remember-me
    cookie (flask_login would make it anonymous too). Asked first because loading the user (its
    session protection hashes the client's address and browser) costs an autosave without an
    account a twentieth of its time; anything else goes to flask_login, so an account is never
    missed, and a loader added later could only be skipped towards less access."""
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return "_user_id" not in session and remember not in request.cookies


def grant(session_id: str) -> None:
    """Remember in this browser that it holds a session (started without an account, or joined by link)."""
    granted = [s for s in session.get("granted", []) if s != session_id]
    session["granted"] = ([session_id] + granted)[:MAX_GRANTS]
    g.pop("viewer", None)


def owner_id() -> int | None:
    """The account a new session belongs to (None when nobody is signed in)."""
    return int(current_user.id) if current_user.is_authenticated else None


def _refusal(action: str, facts: SessionFacts) -> str:
    if can(current_viewer(), "view", facts):
        if action == "edit":
            return "Only the candidate can change this session."
        if action == "delete":
            return "Only the session's candidate (an interview's interviewer) can delete it."
    return "You don't have access to this session."


def _guard_session_routes() -> None:
    """Check a session route's declared action against the policy before the view runs."""
    session_id = (request.view_args or {}).get("session_id")
    if session_id is None or request.endpoint is None:
        return
    access = getattr(current_app.view_functions[request.endpoint], "access", None)
    if access is None or access.kind != "session" or access.in_store:
        return
    facts = store().facts(session_id, for_viewer=current_viewer())  # NotFound: the app's 404
    g.session_facts = facts
    action = access.detail[0]
    if not can(current_viewer(), action, facts):
        raise Forbidden(_refusal(action, facts))


def may(action: str, facts: SessionFacts | None = None) -> bool:
    """In a session route: may the viewer also do ``action`` (to show or hide controls)?"""
    facts = facts or g.get("session_facts")
    return facts is not None and can(current_viewer(), action, facts)


def login_attempt_allowed(email: str) -> bool:
    """Count a sign-in attempt from this address and for this account; False once either is over
    ``LOGIN_RATE_LIMIT`` (an address trying many accounts, or many addresses trying one)."""
    limiter, limit, prefix = current_app.extensions["designer.login_limit"]
    account = normalise_email(email)[:320]
    return limiter.hit(limit, prefix, "login", request.remote_addr or "") and limiter.hit(
        limit, prefix, "login-account", account
    )


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def init_security(app: Flask) -> None:
    """CSRF, cookie flags, the sign-in rate limit, security headers and the session guard."""
    https = os.environ.get("DESIGNER_HTTPS") == "1" or app.config.get("DESIGNER_HTTPS", False)
    # Flask's defaults hold these keys already, so they are set, not defaulted
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE") or https)
    app.config.setdefault("REMEMBER_COOKIE_SECURE", https)
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the browser session: long interviews
    app.config.setdefault("WTF_CSRF_HEADERS", ["X-CSRFToken"])
    # Redis when there is one, else the database: every worker counts together either way
    app.config.setdefault("RATELIMIT_STORAGE_URI", os.environ.get("DESIGNER_REDIS_URL") or "database")
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "designer")
    app.config.setdefault("LOGIN_RATE_LIMIT", "10 per minute")
    csrf.init_app(app)
    # One storage per app (several apps in one process, as in the tests, must not share counts). A
    # moving window: a fixed one resets on the minute, letting twice the limit through across it.
    uri = app.config["RATELIMIT_STORAGE_URI"]
    engine = app.extensions["designer.store"].engine
    storage = DatabaseStorage(engine) if uri == "database" else storage_from_string(uri)
    limiter = MovingWindowRateLimiter(storage)
    app.extensions["designer.login_limit"] = (
        limiter,
        parse(app.config["LOGIN_RATE_LIMIT"]),
        app.config["RATELIMIT_KEY_PREFIX"],
    )
    app.after_request(_security_headers)
    app.before_request(_guard_session_routes)
