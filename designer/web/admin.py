"""The admin's page: accounts, their roles, turning them off and on."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from designer.accounts import AccountError
from designer.models import ROLES
from designer.web.security import require_role
from designer.web.services import accounts

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _page(error: str | None = None, status: int = 200):
    return render_template("admin/users.html", users=accounts().all(), roles=ROLES, error=error), status


@bp.get("/users")
@require_role("admin")
def users():
    """Every account with its role; add one; change a role; turn an account off or on."""
    return _page()


@bp.post("/users")
@require_role("admin")
def add_user():
    """Add an account with a role."""
    try:
        accounts().add(
            request.form.get("email", ""),
            request.form.get("password", ""),
            request.form.get("role", "candidate"),
            request.form.get("name", ""),
        )
    except AccountError as exc:
        return _page(str(exc), 422)
    return redirect(url_for("admin.users"), code=303)


@bp.post("/users/<int:user_id>")
@require_role("admin")
def change_user(user_id: int):
    """Change an account's role, or turn it off or on (not your own off)."""
    try:
        if "role" in request.form:
            accounts().set_role(user_id, request.form["role"])
        if "active" in request.form:
            if user_id == int(current_user.id) and request.form["active"] != "1":
                raise AccountError("active: you can't turn off your own account")
            accounts().set_active(user_id, request.form["active"] == "1")
    except AccountError as exc:
        return _page(str(exc), 422)
    return redirect(url_for("admin.users"), code=303)
