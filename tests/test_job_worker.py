"""Real workers on a real queue: ``designer worker`` killed with SIGKILL mid-regrade (or mid-import) loses
nothing and does nothing twice, the next worker finishes the job, on the SQLite queue and on Redis; ``designer serve`` runs a worker beside the app
and takes it down with it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from designer.access import Viewer
from designer.models import JobItemRow, table_of
from designer.rubric_library import RubricLibrary
from tests.conftest import make_app
from tests.test_jobs import cohort

LEASE = 2.0
SIZE = 40
#: Files in the killed import: enough that the kill lands before the end.
IMPORTED = 200


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture
def world(tmp_path, monkeypatch, chat_session_file, request):
    """An app on SQLite with a rubric at v2 and ``SIZE`` sessions graded with v1, its queue on SQLite or
    Redis, and the environment a worker of it needs."""
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("JOB_PAGE_SIZE = 4\n")  # several pages, so a kill lands mid-page
    database = f"sqlite:///{tmp_path / 'designer.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database, "DESIGNER_JOB_LEASE_SECONDS": str(LEASE)}
    env.pop("DESIGNER_REDIS_URL", None)
    monkeypatch.delenv("DESIGNER_REDIS_URL", raising=False)
    if request.param == "redis":
        env["DESIGNER_REDIS_URL"] = "redis://127.0.0.1:6379/15"
        monkeypatch.setenv("DESIGNER_REDIS_URL", env["DESIGNER_REDIS_URL"])
    app = make_app(database, instance, JOBS_IMMEDIATE=False)
    env["DESIGNER_INSTANCE"] = str(instance)
    queue = app.extensions["designer.queue"]
    queue.huey.flush()  # nothing left from another run on the shared Redis
    store = app.extensions["designer.store"]
    library = RubricLibrary(store.engine)
    library.duplicate("chat-app", "chat-worker", None)
    text, tests_text, _ = library.source("chat-worker")
    library.save("chat-worker", text, tests_text, None)
    ids = cohort(store, chat_session_file, "chat-worker", SIZE)
    yield app, queue, store, ids, env, tmp_path
    queue.huey.flush()
    store.engine.dispose()


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    """``python -m designer <command>`` in the background, its output in ``log``."""
    with log.open("w") as out:  # the child has its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", "designer", *command],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[1],
        )


def second_worker_finishes(queue, job_id: str, env: dict, folder: Path):
    """Once the killed worker's lease has run out, start another and return the job it finishes."""
    time.sleep(LEASE + 0.5)
    second = start(["worker"], env, folder / "second.log")
    try:
        return wait_for(
            lambda: (j := queue.jobs.get(job_id)).status == "done" and j, 180, "the second worker to finish"
        )
    finally:
        second.send_signal(signal.SIGINT)
        second.wait(20)


@pytest.mark.parametrize("world", ["sqlite", "redis"], indirect=True)
def test_a_worker_killed_mid_regrade_loses_nothing_and_the_next_one_finishes_it(world):
    app, queue, store, ids, env, folder = world
    job, _ = queue.jobs.start_regrade(Viewer(role="admin"), "chat-worker", 2, queue.enqueue)
    assert queue.pending() == 1
    first = start(["worker"], env, folder / "first.log")
    try:
        wait_for(lambda: queue.jobs.get(job.id).done >= 6, 120, "the first worker to regrade six sessions")
    finally:
        first.send_signal(signal.SIGKILL)  # no goodbye: mid-session, mid-page
        first.wait(10)
    left = queue.jobs.get(job.id)
    assert left.status == "running" and 6 <= left.done < SIZE, (left, (folder / "first.log").read_text())
    finished = second_worker_finishes(queue, job.id, env, folder)
    log = (folder / "second.log").read_text()
    assert "1 job(s) taken up again" in log, log
    assert (finished.done, finished.current, finished.failed, finished.total) == (SIZE, 0, 0, SIZE)
    items = table_of(JobItemRow)
    with store.engine.connect() as conn:
        per_session = conn.execute(
            select(items.c.session_id, func.count())
            .where(items.c.job_id == job.id)
            .group_by(items.c.session_id)
        ).all()
    assert sorted(s for s, _ in per_session) == ids and {n for _, n in per_session} == {1}  # each once
    assert {store.get(i).rubric_version for i in ids} == {2}


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)
def test_designer_serve_runs_a_worker_beside_the_app_and_takes_it_down_with_it(world):
    app, queue, store, ids, env, folder = world
    job, _ = queue.jobs.start_regrade(Viewer(role="admin"), "chat-worker", 2, queue.enqueue)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = start(["serve", "--port", str(port), "--workers", "1"], env, folder / "serve.log")
    try:
        wait_for(lambda: queue.jobs.get(job.id).status == "done", 180, "the worker beside the app")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as answer:
            assert b'"queue":"ok"' in answer.read().replace(b" ", b"")
        children = Path(f"/proc/{serve.pid}/task/{serve.pid}/children").read_text().split()
        workers = [
            int(c) for c in children if b"designer\0worker\0" in Path(f"/proc/{c}/cmdline").read_bytes()
        ]
        assert len(workers) == 1, children
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(30)
    assert queue.jobs.get(job.id).done == SIZE
    wait_for(
        lambda: not Path(f"/proc/{workers[0]}").exists() or _zombie(workers[0]), 15, "the worker to stop"
    )


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)
def test_a_worker_killed_mid_import_makes_no_session_twice_and_the_next_one_finishes_it(
    world, chat_session_file
):
    app, queue, store, _, env, folder = world
    files = [
        (f"s{n:03d}.session.json", json.dumps({**chat_session_file, "candidate": f"Imp {n}"}).encode())
        for n in range(IMPORTED)
    ]
    before = store.count()
    job = queue.jobs.start_import(Viewer(role="admin"), files, queue.enqueue)
    first = start(["worker"], env, folder / "first.log")
    try:
        wait_for(lambda: queue.jobs.get(job.id).done >= 20, 120, "the first worker to import twenty files")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    left = queue.jobs.get(job.id)
    assert left.status == "running" and 20 <= left.done < IMPORTED, (left, (folder / "first.log").read_text())
    assert store.count() == before + left.done  # each file's session kept with its progress, no more
    finished = second_worker_finishes(queue, job.id, env, folder)
    assert (finished.done, finished.failed, finished.total) == (IMPORTED, 0, IMPORTED)
    assert store.count() == before + IMPORTED  # every file once
    made = queue.jobs.items(job.id, ("done",), limit=IMPORTED)
    assert sorted(m["candidate"] for m in made) == sorted(f"Imp {n}" for n in range(IMPORTED))
