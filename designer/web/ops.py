"""For whoever runs the app: liveness and readiness for a load balancer, Prometheus metrics, and one
structured log line per request with a request id.

* ``GET /healthz`` — the process answers (nothing else is touched: a slow database must not make a
  load balancer kill live workers).
* ``GET /readyz`` — the database answers, its migrations are the code's, every built-in rubric
  loads, and the rate limiter's Redis (when ``DESIGNER_REDIS_URL`` is set) and the job queue
  answer: 200, or 503 with what is not ready.
* ``GET /metrics`` — Prometheus text, only when ``DESIGNER_METRICS_TOKEN`` is set and sent as
  ``Authorization: Bearer <token>`` (404 otherwise: the endpoint doesn't exist for others). Under
  gunicorn every worker writes to ``PROMETHEUS_MULTIPROC_DIR`` (``designer serve`` sets it), so
  any worker answers for all of them.
* Every request logs one JSON line on the ``designer.request`` logger: request id (the client's
  ``X-Request-ID`` when it is a sane one, else a new one, sent back in the same header), method,
  route, path, status, milliseconds and the session id when there is one.
"""

from __future__ import annotations

__all__ = ["bp", "init_ops"]

import hmac
import json
import logging
import os
import re
import time
import uuid
from pathlib import Path

import redis
from flask import Blueprint, Flask, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import text
from werkzeug.wrappers import Response

from designer.db import current_revision, head_revision
from designer.rubric import RubricError, list_rubrics, load_rubric
from designer.web.metrics import CONFLICTS, LATENCY, REQUESTS, SAVES
from designer.web.security import public

bp = Blueprint("ops", __name__)
log = logging.getLogger("designer.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@bp.get("/healthz")
@public
def healthz():
    """The process is up and answering."""
    return {"status": "ok"}


@bp.get("/readyz")
@public
def readyz():
    """Ready for traffic: database reachable, migrations current, Redis reachable when configured."""
    checks: dict[str, str] = {}
    engine = current_app.extensions["designer.store"].engine
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
        at, head = current_revision(engine), head_revision()
        checks["migrations"] = (
            "ok" if at == head else f"at {at}, the code needs {head}: run designer db upgrade"
        )
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises, the answer is "not ready"
        checks["database"] = f"unreachable: {type(exc).__name__}"
        checks["migrations"] = "unknown"
    redis_url = os.environ.get("DESIGNER_REDIS_URL")
    if redis_url:
        try:
            redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["redis"] = f"unreachable: {type(exc).__name__}"
    try:
        current_app.extensions["designer.queue"].pending()
        checks["queue"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["queue"] = f"unreachable: {type(exc).__name__}"
    checks["rubrics"] = _rubrics_verdict(current_app.extensions["designer.rubrics"].directory)
    ready = all(v == "ok" for v in checks.values())
    return {"status": "ready" if ready else "not ready", "checks": checks}, (200 if ready else 503)


#: The last verdict on each rubric folder, with the files' names, sizes and times it was read from.
_RUBRIC_VERDICTS: dict[Path, tuple[tuple, str]] = {}


def _rubrics_verdict(directory: Path) -> str:
    """Say "ok" when every built-in rubric loads, else its first problem (file, line, column, what): a
    rubric file edited wrongly makes every report of its problem fail, so the instance is not ready.
    Read again only when a file changed, so polling costs a directory listing."""
    stats = [(f.name, f.stat()) for f in sorted(directory.glob("*.yaml"))]
    stamp = tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)
    known = _RUBRIC_VERDICTS.get(directory)
    if known is not None and known[0] == stamp:
        return known[1]
    verdict = "ok"
    for rubric_id in list_rubrics(directory):
        try:
            load_rubric(rubric_id, directory)
        except RubricError as exc:
            verdict = str(exc.issues[0])
            break
    _RUBRIC_VERDICTS[directory] = (stamp, verdict)
    return verdict


@bp.get("/metrics")
@public
def metrics():
    """Prometheus metrics, for the holder of ``DESIGNER_METRICS_TOKEN``."""
    token = os.environ.get("DESIGNER_METRICS_TOKEN") or current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)
    sent = request.headers.get("Authorization", "")
    if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        abort(401, "Send the metrics token: Authorization: Bearer <DESIGNER_METRICS_TOKEN>.")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    jobs = CollectorRegistry()  # read from the database: every instance and worker's jobs alike
    jobs.register(_JobsCollector(current_app.extensions["designer.queue"].jobs))
    return Response(body + generate_latest(jobs), mimetype=CONTENT_TYPE_LATEST)


class _JobsCollector(Collector):
    """Background jobs by status, as the database has them when scraped."""

    def __init__(self, jobs):
        self.jobs = jobs

    def collect(self):
        family = GaugeMetricFamily("designer_jobs", "Background jobs by status", labels=["status"])
        counts = self.jobs.counts()
        for status in ("queued", "running", "done", "failed"):
            family.add_metric([status], counts.get(status, 0))
        yield family


def _started() -> None:
    g.request_started = time.perf_counter()
    sent = request.headers.get("X-Request-ID", "")
    g.request_id = sent if _REQUEST_ID.match(sent) else uuid.uuid4().hex


def _finished(response: Response) -> Response:
    started = getattr(g, "request_started", None)
    if started is None:
        return response
    seconds = time.perf_counter() - started
    route = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    LATENCY.labels(route, request.method).observe(seconds)
    if request.method in ("PUT", "POST") and (part := _saved_part(route)):
        if response.status_code == 409:
            CONFLICTS.labels(part).inc()
        elif response.status_code < 300:
            SAVES.labels(part).inc()
    response.headers["X-Request-ID"] = g.request_id
    line = {
        "request_id": g.request_id,
        "method": request.method,
        "route": route,
        "path": request.path,
        "status": response.status_code,
        "ms": round(seconds * 1000, 1),
    }
    if request.view_args and "session_id" in request.view_args:
        line["session"] = request.view_args["session_id"]
    log.info(json.dumps(line))
    return response


def _saved_part(route: str) -> str | None:
    """What an autosave route saves: the board, a panel, or None for any other route."""
    if route.endswith("/board") or "/board/" in route:
        return "board"
    if "/panels/" in route:
        return "panel"
    return None


def init_ops(app: Flask) -> None:
    """Time and log every request, and count it for the metrics."""
    app.before_request(_started)
    app.after_request(_finished)
