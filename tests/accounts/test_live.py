"""Live watching across server processes: two app instances (two workers) on one database."""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import make_app


@pytest.fixture
def second_worker(database_url, tmp_path):
    """Another app on the same database: what a second gunicorn worker is."""
    other = make_app(database_url, tmp_path / "instance2")
    yield other
    other.extensions["designer.store"].engine.dispose()


def test_a_change_saved_by_one_worker_is_seen_by_the_other(cast, second_worker):
    sid = cast.sessions["interview"]
    watcher = second_worker.test_client()
    assert (
        watcher.post(
            "/login", data={"email": "interviewer@example.com", "password": "correct horse battery"}
        ).status_code
        == 303
    )
    revision = cast.app.extensions["designer.store"].get(sid).revision
    steps = len(cast.app.extensions["designer.store"].get(sid).steps)
    assert watcher.get(f"/s/{sid}/live?since={revision}&steps={steps}").status_code == 204  # nothing new
    board = {
        "nodes": [
            {"data": {"id": "lb", "kind": "load_balancer", "label": "Edge LB"}, "position": {"x": 0, "y": 0}}
        ],
        "edges": [],
    }
    saved = cast.clients["interview_candidate"].put(
        f"/api/sessions/{sid}/board", json=board, headers={"If-Match": str(revision)}
    )
    assert saved.status_code == 200
    cast.clients["interview_candidate"].post(
        f"/s/{sid}/steps", data={"step": "high_level"}, headers={"HX-Request": "true"}
    )
    update = watcher.get(f"/s/{sid}/live?since={revision}&steps={steps}")
    assert update.status_code == 200
    body = update.get_json()
    assert body["number"] > revision and body["step"] == "high_level"
    assert body["board"]["nodes"][0]["data"]["label"] == "Edge LB"
    assert "Requirements" in body["panels_html"] and body["steps"] == steps + 1
    cast.clients["interview_candidate"].post(f"/s/{sid}/submit")
    submitted = watcher.get(f"/s/{sid}/live?since={body['number']}&steps={body['steps']}")
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"


def test_replay_gives_each_revision_as_it_was(cast):
    sid = cast.sessions["interview"]
    candidate = cast.clients["interview_candidate"]
    candidate.post(
        f"/s/{sid}/panels/requirements",
        data={"functional": "Send <b>messages</b>"},
        headers={"HX-Request": "true", "If-Match": "1"},
    )
    first = cast.clients["interviewer"].get(f"/s/{sid}/replay/1").get_json()
    second = cast.clients["interviewer"].get(f"/s/{sid}/replay/2").get_json()
    assert "messages" not in first["panels_html"]
    assert "Send &lt;b&gt;messages&lt;/b&gt;" in second["panels_html"]  # escaped, never markup
    assert cast.clients["interviewer"].get(f"/s/{sid}/replay/99").status_code == 404


def test_live_updates_through_real_gunicorn_workers(tmp_path):
    """`designer serve` with three worker processes: each poll may land on any of them."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import requests

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.sqlite3'}",
        "DESIGNER_INSTANCE": str(tmp_path / "instance"),
        "SECRET_KEY": "live",
    }
    designer = Path(sys.executable).with_name("designer")
    server = subprocess.Popen(
        [str(designer), "serve", "--port", str(port), "--workers", "3"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:  # the workers boot after the migrations
            try:
                if requests.get(f"{base}/api/ping", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "designer serve did not answer in 30 s"
            time.sleep(0.2)
        created = requests.post(f"{base}/api/sessions", json={"problem": "chat-app"}, timeout=5).json()
        sid, revision = created["id"], created["revision"]
        watcher = requests.Session()
        for _ in range(12):  # many polls: the answer must not depend on which worker answers
            answer = watcher.get(f"{base}/s/{sid}/live?since={revision}&steps=1", timeout=5)
            assert answer.status_code == 204
        board = {
            "nodes": [{"data": {"id": "q", "kind": "queue", "label": "Jobs"}, "position": {"x": 0, "y": 0}}],
            "edges": [],
        }
        saved = requests.put(
            f"{base}/api/sessions/{sid}/board", json=board, headers={"If-Match": str(revision)}, timeout=5
        )
        assert saved.status_code == 200
        for _ in range(12):
            answer = watcher.get(f"{base}/s/{sid}/live?since={revision}&steps=1", timeout=5)
            assert answer.status_code == 200 and answer.json()["board"]["nodes"][0]["data"]["label"] == "Jobs"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _status(results_html: str, criterion: str) -> str:
    found = re.search(r'class="result status-(\w+)"[^>]*data-criterion="' + criterion + '"', results_html)
    assert found, f"no result for {criterion}"
    return found.group(1)


def test_the_live_view_carries_the_score_and_results_of_the_newest_revision(cast):
    sid = cast.sessions["interview"]
    watcher = cast.clients["interviewer"]
    store = cast.app.extensions["designer.store"]
    before = watcher.get(f"/s/{sid}/live?since=0&steps=-1").get_json()
    assert _status(before["results_html"], "load_balancer") == "fail"
    revision = store.get(sid).revision
    board = {
        "nodes": [
            {"data": {"id": "c", "kind": "client", "label": "Phone"}, "position": {"x": 0, "y": 0}},
            {
                "data": {"id": "lb", "kind": "load_balancer", "label": "Edge LB", "replicas": 2},
                "position": {"x": 200, "y": 0},
            },
            {
                "data": {"id": "api", "kind": "service", "label": "API", "replicas": 3},
                "position": {"x": 400, "y": 0},
            },
        ],
        "edges": [
            {"data": {"id": "e1", "source": "c", "target": "lb", "label": "HTTPS"}},
            {"data": {"id": "e2", "source": "lb", "target": "api", "label": "route"}},
        ],
    }
    saved = cast.clients["interview_candidate"].put(
        f"/api/sessions/{sid}/board", json=board, headers={"If-Match": str(revision)}
    )
    assert saved.status_code == 200
    after = watcher.get(f"/s/{sid}/live?since={revision}&steps=-1").get_json()
    assert after["score"] > before["score"]
    assert _status(after["results_html"], "load_balancer") == "pass"
    assert "Override" in after["results_html"]  # the interviewer may override what arrives live
    # The same numbers the review page shows for that revision.
    page = watcher.get(f"/s/{sid}/review").get_data(as_text=True)
    assert f'<span id="score">{after["score"]:g}</span>' in page
