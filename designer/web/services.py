"""The domain's services the web layer shares, made once per app in :func:`init_services`.

Each view reaches them through the accessors below (``store()``, ``library()``…), which read the
running app's ``extensions``: several apps in one process (as in the tests) never share one.
"""

from __future__ import annotations

__all__ = [
    "init_services",
    "store",
    "session_list",
    "grades",
    "reviews",
    "library",
    "accounts",
    "interviews",
    "job_queue",
]

import os
from pathlib import Path

from argon2 import PasswordHasher
from flask import Flask, current_app
from sqlalchemy import Engine

from designer.accounts import Accounts
from designer.db import make_engine, upgrade
from designer.grade_cache import GradeCache
from designer.interviews import Interviews
from designer.job_queue import JobQueue
from designer.reviews import Reviews
from designer.rubric_library import RubricLibrary
from designer.session_list import SessionList
from designer.sessions import SessionStore


def init_services(app: Flask) -> Engine:
    """Connect the database (migrating it if ``AUTO_MIGRATE``) and make every service; return the engine."""
    engine = make_engine(app.config["DATABASE_URL"])
    if app.config.get("AUTO_MIGRATE"):
        upgrade(engine)
    hasher = None
    if app.config.get("FAST_PASSWORD_HASHES"):  # tests only: argon2's real cost, 100 times a run, is slow
        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    sessions = SessionStore(engine)
    app.extensions.update(
        {
            "designer.store": sessions,
            "designer.session_list": SessionList(engine),
            "designer.grades": GradeCache(),
            "designer.reviews": Reviews(engine),
            "designer.rubrics": RubricLibrary(engine),
            "designer.accounts": Accounts(engine, hasher),
            "designer.interviews": Interviews(engine, sessions, app.config["SECRET_KEY"]),
            "designer.queue": JobQueue(
                engine,
                Path(app.instance_path),
                os.environ.get("DESIGNER_REDIS_URL") or None,
                immediate=bool(app.config.get("JOBS_IMMEDIATE")),
                page_size=int(app.config.get("JOB_PAGE_SIZE", 50)),
            ),
        }
    )
    return engine


def store() -> SessionStore:
    """Return the running app's sessions."""
    return current_app.extensions["designer.store"]


def session_list() -> SessionList:
    """Return the running app's session list (pages, CSV)."""
    return current_app.extensions["designer.session_list"]


def grades() -> GradeCache:
    """Return the running app's kept grades."""
    return current_app.extensions["designer.grades"]


def reviews() -> Reviews:
    """Return the running app's interviewers' judgements."""
    return current_app.extensions["designer.reviews"]


def library() -> RubricLibrary:
    """Return the running app's rubrics (built-in and authored)."""
    return current_app.extensions["designer.rubrics"]


def accounts() -> Accounts:
    """Return the running app's accounts."""
    return current_app.extensions["designer.accounts"]


def interviews() -> Interviews:
    """Return the running app's scheduled interviews."""
    return current_app.extensions["designer.interviews"]


def job_queue() -> JobQueue:
    """Return the running app's job queue (and through it, its jobs)."""
    return current_app.extensions["designer.queue"]
