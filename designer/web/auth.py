"""Signing in and out: accounts as flask-login sees them, the sign-in page and its rate limit."""

from __future__ import annotations

__all__ = ["bp", "init_auth", "SignedInUser"]

from urllib.parse import urlsplit

from flask import Blueprint, Flask, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from designer.errors import NotFound
from designer.web.security import login_attempt_allowed, public
from designer.web.services import accounts

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to see that page."


class SignedInUser(UserMixin):
    """What flask-login keeps of an account for one request."""

    def __init__(self, row):
        self.id = row.id
        self.email = row.email
        self.name = row.name
        self.role = row.role
        self.sign_in_epoch = row.sign_in_epoch

    def get_id(self) -> str:
        """What the cookie holds: the account and its sign-in epoch (flask-login's "alternative
        token"), so moving the epoch on ends this sign-in wherever its cookie was copied to."""
        return f"{self.id}.{self.sign_in_epoch}"

    @property
    def label(self) -> str:
        return self.name or self.email


@login_manager.user_loader
def _load_user(token: str):
    user_id, _, epoch = token.partition(".")
    try:
        row = accounts().get(int(user_id))
    except (NotFound, ValueError):
        return None
    if not row.active or epoch != str(row.sign_in_epoch):
        return None  # signed out, password changed or account off since this cookie was made
    return SignedInUser(row)


def init_auth(app: Flask) -> None:
    """Sign-in: flask-login and the sign-in pages."""
    login_manager.init_app(app)
    app.register_blueprint(bp)


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
@public
def login():
    """Sign in with email and password; then back to the page that asked (on this site only)."""
    error = None
    if request.method == "POST":
        if not login_attempt_allowed(request.form.get("email", "")):
            error = "Too many sign-in attempts from this address or for this account; wait a minute and try again."
            page = render_template("auth/login.html", error=error, next=request.values.get("next", ""))
            return page, 429, {"Retry-After": "60"}
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
@public
def logout():
    """Sign out, here and wherever this account is signed in (a copied cookie included)."""
    if current_user.is_authenticated:
        accounts().end_sign_ins(int(current_user.id))
    logout_user()
    session.clear()
    flash("Signed out.")
    return redirect(url_for("home.index"), code=303)
