"""Fixtures shared by the suite: apps on SQLite and on PostgreSQL, clients and session helpers."""

from __future__ import annotations

import gc
import json
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from app import create_app
from designer.db import make_engine

DATA = Path(__file__).parent / "data"
#: PostgreSQL for the storage and API tests; this machine and CI run one on 127.0.0.1.
POSTGRES_URL = os.environ.get("DESIGNER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def command_or_skip(name: str, install: str) -> str:
    """The path of the command ``name``; else the test is skipped (failed when ``CI=true``, where
    ``.ci/run`` installs what the tests need). ``install`` says how to get it."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed ({install})")
        pytest.skip(f"{name} is not installed ({install})")
    return found


def redis_or_skip(url: str):
    """A client of the Redis at ``url`` once it answers a ping; else the test is skipped (failed when
    ``CI=true``, as a missing PostgreSQL is)."""
    import redis  # only the tests that need Redis import it

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {url} is not reachable: {exc}")
        pytest.skip(f"Redis at {url} is not reachable: {exc}")
    return client


def _postgres_available() -> str | None:
    try:
        engine = make_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "no database here"
        return f"PostgreSQL at {POSTGRES_URL} is not reachable: {exc.__class__.__name__}"


@pytest.fixture(scope="session")
def postgres_schema_url():
    """Return a function that makes a fresh PostgreSQL schema and its URL.

    Each test gets its own schema (not database: creating one is slow), dropped afterwards.
    When ``CI=true`` an unreachable PostgreSQL fails the run instead of skipping.
    """
    problem = _postgres_available()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    admin = make_engine(POSTGRES_URL)
    made: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{name}"'))
        made.append(name)
        sep = "&" if "?" in POSTGRES_URL else "?"
        return f"{POSTGRES_URL}{sep}options=-csearch_path%3D{name}"

    yield make
    for name in made:  # one transaction each: dropping hundreds at once runs out of lock slots
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Run the test once on a fresh SQLite file and once on a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'designer.sqlite3'}"
    return request.getfixturevalue("postgres_schema_url")()


def make_app(database_url: str, instance: Path, **config):
    """An app for tests: CSRF off (its own tests turn it on), fast password hashes."""
    os.environ["DESIGNER_INSTANCE"] = str(instance)
    settings = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test",
        "WTF_CSRF_ENABLED": False,
        "FAST_PASSWORD_HASHES": True,
        # Jobs run as they are enqueued: the tests of a real worker turn this off (tests/test_jobs*).
        "JOBS_IMMEDIATE": True,
    }
    return create_app({**settings, **config})


@pytest.fixture
def app(database_url, tmp_path):
    """The app as ``create_app`` builds it, on the test's own database and instance folder."""
    app = make_app(database_url, tmp_path / "instance")
    yield app
    engine = app.extensions["designer.store"].engine
    if engine.dialect.name == "postgresql":
        # A connection a test left unreachable goes back to its pool when collected; collected after
        # dispose() it would be closed by the garbage collector instead, with a warning that fails a
        # later, unrelated test.
        gc.collect()
    engine.dispose()


@pytest.fixture
def client(app):
    """A test client of ``app`` (both databases)."""
    return app.test_client()


@pytest.fixture
def web(app):
    """A test client for the HTML routes (both databases, like ``client``)."""
    return app.test_client()


@pytest.fixture
def store(app):
    """The session store of ``app``."""
    return app.extensions["designer.store"]


@pytest.fixture
def chat_session_file() -> dict:
    """The seed's chat-app answer as a session file, written as a candidate would."""
    return json.loads((DATA / "sessions" / "chat-app-strong.session.json").read_text())


def start_session(client, problem="chat-app", mode="practice") -> tuple[str, int]:
    """Start a session through the JSON API; return its id and revision."""
    response = client.post("/api/sessions", json={"problem": problem, "mode": mode})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    return body["id"], body["revision"]


def head_revision() -> str:
    """The newest migration's revision, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    from designer.db import _config

    return ScriptDirectory.from_config(_config()).get_current_head()
