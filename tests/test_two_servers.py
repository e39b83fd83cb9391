"""Two app servers on one PostgreSQL and one Redis, with one job worker, behave as one: a browser's cookie
works on either, a session saved through one is watched live through the other, the sign-in limit counts
the attempts made on both, and a regrade started on one is run by the worker and shown on the other."""

from __future__ import annotations

import os
import re
import signal
import uuid

import pytest
import redis
import requests

from designer.accounts import Accounts
from designer.db import make_engine, upgrade
from designer.rubric_library import RubricLibrary
from designer.sessions import SessionStore
from tests.conftest import redis_or_skip
from tests.test_job_worker import start, wait_for
from tests.test_jobs import cohort

PASSWORD = "correct horse battery"
REDIS = "redis://127.0.0.1:6379/13"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def sign_in(browser: requests.Session, base: str, email: str, password: str = PASSWORD) -> requests.Response:
    page = browser.get(f"{base}/login").text
    return browser.post(
        f"{base}/login",
        data={"email": email, "password": password, "csrf_token": csrf(page)},
        allow_redirects=False,
    )


@pytest.fixture
def two_servers(postgres_schema_url, tmp_path, chat_session_file):
    """Servers A and B (``designer serve --no-worker``, each with its own instance folder, as on two
    machines) and one ``designer worker``, sharing the database, Redis and the secret key."""
    redis_or_skip(REDIS).flushdb()
    url = postgres_schema_url()
    engine = make_engine(url)
    upgrade(engine)
    accounts = Accounts(engine)
    admin = accounts.add("admin@example.com", PASSWORD, "admin", "Ada")
    RubricLibrary(engine).duplicate("chat-app", "chat-two", admin.id)
    text, tests_text, _ = RubricLibrary(engine).source("chat-two")
    RubricLibrary(engine).save("chat-two", text, tests_text, admin.id)
    ids = cohort(SessionStore(engine), chat_session_file, "chat-two", 6)
    common = {
        **os.environ,
        "DATABASE_URL": url,
        "DESIGNER_REDIS_URL": REDIS,
        "SECRET_KEY": uuid.uuid4().hex,  # the same on every machine: a cookie signed by one is good on all
    }
    procs, bases = [], []
    for name in ("a", "b"):
        instance = tmp_path / name
        instance.mkdir()
        port = free_port()
        env = {**common, "DESIGNER_INSTANCE": str(instance)}
        procs.append(
            start(
                ["serve", "--no-worker", "--workers", "1", "--port", str(port)], env, tmp_path / f"{name}.log"
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    worker_instance = tmp_path / "worker"
    worker_instance.mkdir()
    procs.append(start(["worker"], {**common, "DESIGNER_INSTANCE": str(worker_instance)}, tmp_path / "w.log"))
    for base in bases:
        wait_for(lambda b=base: _ready(b), 60, f"{base} to be ready")
    yield bases, engine, ids
    for proc in procs:
        proc.send_signal(signal.SIGINT if proc is procs[-1] else signal.SIGTERM)
    for proc in procs:
        proc.wait(30)
    engine.dispose()


def _ready(base: str) -> bool:
    try:
        return requests.get(f"{base}/readyz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def test_two_app_servers_behave_as_one(two_servers, tmp_path):
    (a, b), engine, ids = two_servers
    # a browser's practice session: started on A, saved through B, watched live through A
    browser = requests.Session()
    started = browser.post(f"{a}/api/sessions", json={"problem": "chat-app", "mode": "practice"})
    assert started.status_code == 201, started.text
    session_id = started.json()["id"]
    board = {"nodes": [{"data": {"id": "c", "kind": "client", "label": "Phone"}}], "edges": []}
    saved = browser.put(f"{b}/api/sessions/{session_id}/board", json=board, headers={"If-Match": "1"})
    assert saved.status_code == 200, saved.text
    stale = browser.put(f"{a}/api/sessions/{session_id}/board", json=board, headers={"If-Match": "1"})
    assert stale.status_code == 409  # the other server's save is seen: one revision, one winner
    live = browser.get(f"{a}/s/{session_id}/live", params={"since": 1})
    assert live.status_code == 200 and live.json()["number"] == 2
    assert [n["data"]["label"] for n in live.json()["board"]["nodes"]] == ["Phone"]

    # the sign-in limit (10 a minute) counts the attempts made on both servers together
    guesser = requests.Session()
    answers = [sign_in(guesser, (a, b)[n % 2], "admin@example.com", "wrong").status_code for n in range(10)]
    assert answers == [401] * 10  # the form again, with "don't match"
    assert sign_in(guesser, a, "admin@example.com", "wrong").status_code == 429
    assert sign_in(guesser, b, "admin@example.com").status_code == 429  # even the right password, for now

    # a regrade started on A, run by the worker, followed on B
    admin = requests.Session()
    assert sign_in(admin, b, "admin@example.com", PASSWORD).status_code == 429  # the account is still limited
    redis.Redis.from_url(REDIS).flushdb()  # a minute later
    assert sign_in(admin, b, "admin@example.com").status_code == 303
    page = admin.get(f"{a}/rubrics/chat-two/regrade").text
    assert "Regrade all 6 with the latest version (v2)" in page
    posted = admin.post(
        f"{a}/rubrics/chat-two/regrade", data={"csrf_token": csrf(page)}, allow_redirects=False
    )
    assert posted.status_code == 303
    job_path = posted.headers["Location"]
    done = wait_for(
        lambda: (
            "Done: regraded 6 sessions with v2." in (t := admin.get(f"{b}{job_path}/progress").text) and t
        ),
        120,
        "the worker to regrade the cohort",
    )
    assert 'hx-trigger="every 1s"' not in done
    assert {SessionStore(engine).get(i).rubric_version for i in ids} == {2}
    assert "queue on Redis" in (tmp_path / "w.log").read_text()
