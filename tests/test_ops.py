"""What an operator sees: liveness, readiness, Prometheus metrics behind a token, a log line per request."""

import json
import logging
import re

import pytest

from app import create_app
from designer.db import head_revision


def metric(web, name: str, token: str = "s3cret") -> float:
    text = web.get("/metrics", headers={"Authorization": f"Bearer {token}"}).get_data(as_text=True)
    match = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def test_healthz_answers_without_touching_the_database(web, app, monkeypatch):
    engine = app.extensions["designer.store"].engine
    monkeypatch.setattr(engine, "connect", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("db down")))
    assert web.get("/healthz").get_json() == {"status": "ok"}
    ready = web.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["database"] == "unreachable: RuntimeError"


def test_readyz_checks_the_database_its_migrations_redis_and_the_job_queue(web, app, tmp_path, monkeypatch):
    assert web.get("/readyz").get_json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "queue": "ok", "rubrics": "ok"},
    }
    stale = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "SECRET_KEY": "x", "AUTO_MIGRATE": False}
    ).test_client()
    answer = stale.get("/readyz")
    assert answer.status_code == 503
    assert (
        answer.get_json()["checks"]["migrations"]
        == f"at None, the code needs {head_revision()}: run designer db upgrade"
    )
    monkeypatch.setenv("DESIGNER_REDIS_URL", "redis://127.0.0.1:6379/0")
    assert web.get("/readyz").get_json()["checks"]["redis"] == "ok"
    monkeypatch.setenv("DESIGNER_REDIS_URL", "redis://127.0.0.1:1/0")
    gone = web.get("/readyz")
    assert gone.status_code == 503 and gone.get_json()["checks"]["redis"].startswith("unreachable")
    monkeypatch.delenv("DESIGNER_REDIS_URL")
    # the job queue on a Redis that went away: not ready, whatever the rest says
    from designer.job_queue import JobQueue

    engine = app.extensions["designer.store"].engine
    app.extensions["designer.queue"] = JobQueue(engine, tmp_path, "redis://127.0.0.1:1/0")
    lost = web.get("/readyz")
    assert lost.status_code == 503
    assert lost.get_json()["checks"]["queue"].startswith("unreachable")
    assert lost.get_json()["checks"]["database"] == "ok"


def test_readyz_says_which_built_in_rubric_file_is_broken(web, app, tmp_path, monkeypatch):
    """A rubric file edited wrongly on the server made every report of its problem a 500 while the
    instance said it was ready: a deploy with a broken rubric passed its readiness check."""
    import shutil

    from designer.rubric import RUBRICS_DIR

    shutil.copytree(RUBRICS_DIR, tmp_path / "rubrics")
    monkeypatch.setattr(app.extensions["designer.rubrics"], "directory", tmp_path / "rubrics")
    assert web.get("/readyz").get_json()["checks"]["rubrics"] == "ok"
    broken = tmp_path / "rubrics" / "url-shortener.yaml"
    good = broken.read_text()
    broken.write_text(good.replace("\nversion: 6\n", "\nversion: six\n"))
    answer = web.get("/readyz")
    assert answer.status_code == 503
    said = answer.get_json()["checks"]["rubrics"]
    assert "url-shortener.yaml:11:10: version: expected an integer, got 'six'" in said
    broken.write_text(good)  # mended: ready again, without a restart
    assert web.get("/readyz").status_code == 200


def test_metrics_are_off_without_a_token_and_refused_with_a_wrong_one(web, monkeypatch):
    monkeypatch.delenv("DESIGNER_METRICS_TOKEN", raising=False)
    assert web.get("/metrics").status_code == 404
    monkeypatch.setenv("DESIGNER_METRICS_TOKEN", "s3cret")
    assert web.get("/metrics").status_code == 401
    assert web.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 401
    answer = web.get("/metrics", headers={"Authorization": "Bearer s3cret"})
    assert answer.status_code == 200 and answer.content_type.startswith("text/plain")


def test_metrics_count_requests_saves_conflicts_and_grades(web, monkeypatch):
    monkeypatch.setenv("DESIGNER_METRICS_TOKEN", "s3cret")
    before = {
        "saves": metric(web, 'designer_saves_total{part="board"}'),
        "conflicts": metric(web, 'designer_conflicts_total{part="board"}'),
        "grades": metric(web, "designer_grades_total"),
        "health": metric(web, 'designer_requests_total{method="GET",route="/healthz",status="200"}'),
    }
    session_id = web.post("/api/sessions", json={"problem": "chat-app", "mode": "practice"}).get_json()["id"]
    board = {"nodes": [{"data": {"id": "c", "kind": "client"}}], "edges": []}
    assert (
        web.put(f"/api/sessions/{session_id}/board", json=board, headers={"If-Match": "1"}).status_code == 200
    )
    assert (
        web.put(f"/api/sessions/{session_id}/board", json=board, headers={"If-Match": "1"}).status_code == 409
    )
    web.get(f"/s/{session_id}/report")
    web.get(f"/s/{session_id}/report")  # the same revision: read from the grade cache, not graded again
    web.get("/healthz")
    assert metric(web, 'designer_saves_total{part="board"}') == before["saves"] + 1
    assert metric(web, 'designer_conflicts_total{part="board"}') == before["conflicts"] + 1
    assert metric(web, "designer_grades_total") == before["grades"] + 1
    assert (
        metric(web, 'designer_requests_total{method="GET",route="/healthz",status="200"}')
        == before["health"] + 1
    )
    assert metric(web, 'designer_request_seconds_count{method="GET",route="/healthz"}') >= 1


@pytest.mark.parametrize("sent, kept", [("abc-123", True), ("x" * 65, False), ("a b;c", False), ("", False)])
def test_each_request_logs_one_json_line_with_its_request_id(web, caplog, sent, kept):
    session_id = web.post("/api/sessions", json={"problem": "chat-app", "mode": "practice"}).get_json()["id"]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="designer.request"):
        answer = web.get(f"/api/sessions/{session_id}", headers={"X-Request-ID": sent} if sent else {})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "designer.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == answer.headers["X-Request-ID"]
    assert (line["request_id"] == sent) is kept and re.fullmatch(r"[A-Za-z0-9._-]{1,64}", line["request_id"])
    assert line["route"] == "/api/sessions/<session_id>" and line["path"] == f"/api/sessions/{session_id}"
    assert line["status"] == 200 and line["session"] == session_id and line["ms"] >= 0


def test_metrics_count_background_jobs_by_status(web, app, monkeypatch):
    from designer.access import Viewer

    monkeypatch.setenv("DESIGNER_METRICS_TOKEN", "s3cret")
    queue = app.extensions["designer.queue"]
    before = metric(web, 'designer_jobs{status="done"}')
    queue.jobs.start_regrade(Viewer(role="admin"), "chat-app", 4, lambda job_id: None)  # waits: no worker
    assert metric(web, 'designer_jobs{status="queued"}') == 1
    job, _ = queue.jobs.start_regrade(Viewer(role="admin"), "url-shortener", 4, queue.enqueue)  # runs
    assert queue.jobs.get(job.id).status == "done"
    assert metric(web, 'designer_jobs{status="done"}') == before + 1
