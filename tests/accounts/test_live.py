"""Live watching across server processes: two app instances (two workers) on one database."""

from __future__ import annotations

import os

import pytest

from app import create_app


@pytest.fixture
def second_worker(database_url, tmp_path):
    """Another app on the same database: what a second gunicorn worker is."""
    os.environ["DESIGNER_INSTANCE"] = str(tmp_path / "instance2")
    other = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "FAST_PASSWORD_HASHES": True,
        }
    )
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
