"""Signing in and out, who is asking, and the guard every session route passes through.

Also the app-wide security settings: CSRF (flask-wtf; the token travels in a form field or, for
HTMX and fetch, in the ``X-CSRFToken`` header), login rate limiting (flask-limiter), cookie flags
and the Content-Security-Policy (no inline scripts: the pages' only inline ``<script>`` blocks are
JSON data, which browsers don't run).
"""

from __future__ import annotations

__all__ = ["bp", "init_auth", "current_viewer", "grant", "require_role", "accounts"]

import functools
import os
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.wrappers import Response

from designer.access import SessionFacts, Viewer, can
from designer.accounts import Accounts
from designer.errors import NotFound

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to see that page."
MAX_GRANTS = 200

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


class SignedInUser(UserMixin):
    """What flask-login keeps of an account for one request."""

    def __init__(self, row):
        self.id = row.id
        self.email = row.email
        self.name = row.name
        self.role = row.role

    @property
    def label(self) -> str:
        return self.name or self.email


def accounts() -> Accounts:
    return current_app.extensions["designer.accounts"]


@login_manager.user_loader
def _load_user(user_id: str):
    try:
        row = accounts().get(int(user_id))
    except (NotFound, ValueError):
        return None
    return SignedInUser(row) if row.active else None


def init_auth(app: Flask, engine) -> None:
    """Accounts, sign-in, CSRF, rate limits, cookie flags and security headers."""
    hasher = None
    if app.config.get("FAST_PASSWORD_HASHES"):  # tests only: argon2's real cost, 100 times a run, is slow
        from argon2 import PasswordHasher

        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    app.extensions["designer.accounts"] = Accounts(engine, hasher)
    https = os.environ.get("DESIGNER_HTTPS") == "1" or app.config.get("DESIGNER_HTTPS", False)
    # Flask's defaults hold these keys already, so they are set, not defaulted
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE") or https)
    app.config.setdefault("REMEMBER_COOKIE_SECURE", https)
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid for the browser session: long interviews
    app.config.setdefault("WTF_CSRF_HEADERS", ["X-CSRFToken"])
    app.config.setdefault("RATELIMIT_STORAGE_URI", os.environ.get("DESIGNER_REDIS_URL") or "memory://")
    app.config.setdefault("LOGIN_RATE_LIMIT", "10 per minute")
    # A moving window: a fixed one resets on the minute, letting twice the limit through across it.
    app.config.setdefault("RATELIMIT_STRATEGY", "moving-window")
    csrf.init_app(app)
    from designer.web import api

    csrf.exempt(api.bp)  # JSON-only writes instead: see designer.web.api._json_only_writes
    # One limiter per app (several apps in one process, as in the tests, must not share counts)
    limiter = Limiter(key_func=get_remote_address, app=app, default_limits=[], headers_enabled=True)
    app.extensions["designer.limiter"] = limiter
    # Only decorated views are limited (sign-in), and the decorator checks its own limit; the
    # extension's app-wide before_request would only look for default limits there are none of,
    # on every request (a tenth of an autosave's time).
    app.before_request_funcs[None].remove(limiter._check_request_limit)
    login_manager.init_app(app)
    app.register_blueprint(bp)
    app.view_functions["auth.login"] = limiter.limit(
        lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"]
    )(app.view_functions["auth.login"])

    @app.after_request
    def _security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.before_request(_guard_session_routes)


def current_viewer() -> Viewer:
    """Who is asking, for the access policy."""
    if "viewer" not in g:
        granted = frozenset(session.get("granted", []))
        if current_user.is_authenticated:
            g.viewer = Viewer(int(current_user.id), current_user.role, granted)
        else:
            g.viewer = Viewer(granted=granted)
    return g.viewer


def grant(session_id: str) -> None:
    """Remember in this browser that it holds a session (started without an account, or joined by link)."""
    granted = [s for s in session.get("granted", []) if s != session_id]
    session["granted"] = ([session_id] + granted)[:MAX_GRANTS]
    g.pop("viewer", None)


def owner_id() -> int | None:
    """The account a new session belongs to (None when nobody is signed in)."""
    return int(current_user.id) if current_user.is_authenticated else None


def deny(message: str = "You don't have access to this.") -> Response:
    """Anonymous page views go to the sign-in page; everything else gets a bare 403 (no fragment)."""
    if (
        not current_user.is_authenticated
        and request.method == "GET"
        and request.headers.get("HX-Request") != "true"
        and not request.path.startswith("/api/")
    ):
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if request.blueprint == "api":
        response = jsonify({"error": message})
        response.status_code = 403
        return response
    abort(403, message)


# Endpoints that act on a session, by what they need; everything else under a session is "view"
# for reads and "edit" for writes.
REVIEW_ENDPOINTS = {"review.judge", "review.share"}
# The grade itself: an interview's is not for its candidate (see designer.access).
GRADE_ENDPOINTS = {"report.show_json", "review.show", "review.export", "report.hints", "report.take_hint"}
# Removing a session for good: its candidate's (practice) or its interviewer's (interview).
DELETE_ENDPOINTS = {"workspace.delete_session"}
# The autosave checks who may edit inside its own UPDATE (designer.sessions), saving a query a save.
SELF_GUARDED = {"api.put_board"}


def _guard_session_routes() -> Response | None:
    session_id = (request.view_args or {}).get("session_id")
    if session_id is None or request.endpoint is None or request.endpoint in SELF_GUARDED:
        return None
    from designer.web import store

    try:
        facts = store().facts(session_id, for_viewer=current_viewer())
    except NotFound as exc:
        if request.blueprint == "api":
            raise  # the API answers in JSON
        abort(404, str(exc))
    g.session_facts = facts
    if request.endpoint in DELETE_ENDPOINTS:
        action = "delete"
    elif request.endpoint in REVIEW_ENDPOINTS:
        action = "review"
    elif request.endpoint in GRADE_ENDPOINTS:
        action = "grade"
    elif request.method in ("GET", "HEAD", "OPTIONS"):
        action = "view"
    else:
        action = "edit"
    if not can(current_viewer(), action, facts):
        seen = can(current_viewer(), "view", facts)
        return deny(
            "Only the candidate can change this session."
            if action == "edit" and seen
            else "Only the session's candidate (an interview's interviewer) can delete it."
            if action == "delete" and seen
            else "You don't have access to this session."
        )
    return None


def may(action: str, facts: SessionFacts | None = None) -> bool:
    """In a session route: may the viewer also do ``action`` (to show or hide controls)?"""
    facts = facts or g.get("session_facts")
    return facts is not None and can(current_viewer(), action, facts)


def require_role(*roles: str):
    """A view only these roles may open (admin always may)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return deny()
            if current_user.role not in roles and current_user.role != "admin":
                abort(403, f"This page is for {' and '.join(roles)}s.")
            return view(*args, **kwargs)

        return wrapped

    return decorator


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path on this site, never another host."""
    if not target:
        return url_for("home.index")
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return url_for("home.index")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with email and password; then back to the page that asked (on this site only)."""
    error = None
    if request.method == "POST":
        user = accounts().authenticate(request.form.get("email", ""), request.form.get("password", ""))
        if user is None:
            error = "That email and password don't match an active account."
        else:
            granted = session.get("granted", [])
            session.clear()  # a fresh session on sign-in (no fixation); the CSRF token is renewed too
            session["granted"] = granted  # sessions this browser started stay its own
            login_user(SignedInUser(user), remember=False)
            return redirect(safe_next(request.form.get("next")), code=303)
    return render_template("auth/login.html", error=error, next=request.values.get("next", "")), (
        401 if error else 200
    )


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    flash("Signed out.")
    return redirect(url_for("home.index"), code=303)
