"""The web layer: the only Flask code. Each feature is a blueprint named ``bp``."""

from __future__ import annotations

__all__ = ["init_app", "store", "grades"]

from flask import Flask, current_app

from designer.db import make_engine, upgrade
from designer.grade_cache import GradeCache
from designer.sessions import SessionStore


def init_app(app: Flask) -> None:
    """Connect the database, run migrations if asked, and register every blueprint."""
    engine = make_engine(app.config["DATABASE_URL"])
    if app.config.get("AUTO_MIGRATE"):
        upgrade(engine)
    app.extensions["designer.store"] = SessionStore(engine)
    app.extensions["designer.grades"] = GradeCache()

    from designer.web import admin, api, home, interviews, report, review, rubrics, workspace
    from designer.web.auth import init_auth
    from designer.web.templating import init_templating

    init_templating(app)
    init_auth(app, engine)
    app.register_blueprint(admin.bp)
    app.register_blueprint(interviews.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(rubrics.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(workspace.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(report.bp)


def store() -> SessionStore:
    """Return the session store of the running app."""
    return current_app.extensions["designer.store"]


def grades() -> GradeCache:
    """Return the running app's kept grades."""
    return current_app.extensions["designer.grades"]
