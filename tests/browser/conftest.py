"""Browser tests: the real app on a free port, driven in Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from werkzeug.serving import make_server

from app import create_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium; a missing one fails the run when CI=true, else skips."""
    if not shutil.which(CHROMIUM):
        message = f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


Delay = float | tuple[float, float]


class Latency:
    """Slow answers on purpose, as a far-away server gives them: per request whose method and path
    match, wait ``before`` seconds before the app sees it and ``after`` seconds before the answer
    leaves. The server runs a thread per request, so the browser keeps working meanwhile."""

    def __init__(self):
        self.rules: list[tuple[str, re.Pattern, Delay, Delay]] = []
        self.random = random.Random(0)
        self._lock = threading.Lock()

    def add(self, method: str, path: str, before: Delay = 0.0, after: Delay = 0.0) -> None:
        """Slow matching requests by ``before`` and ``after`` seconds, each a number or a (low, high)
        range drawn from per request (from :attr:`random`, which a test may seed)."""
        self.rules.append((method, re.compile(path), before, after))

    def clear(self) -> None:
        self.rules.clear()

    def _draw(self, delay: Delay) -> float:
        if isinstance(delay, tuple):
            with self._lock:  # one request a thread: draws in order of arrival
                return self.random.uniform(*delay)
        return delay

    def of(self, environ) -> tuple[float, float]:
        for method, path, before, after in self.rules:
            if method in (environ["REQUEST_METHOD"], "*") and path.search(environ.get("PATH_INFO", "")):
                return self._draw(before), self._draw(after)
        return 0.0, 0.0


def buffered(app, latency: Latency | None = None):
    """Hand the server each response whole, its iterator already closed.

    Werkzeug's server closes a response's iterator only after draining the socket; when Chromium resets
    a connection mid-response (a page left while its scripts load) that read raises first, the static
    file's handle is never closed, and the garbage collector's ResourceWarning fails whichever test is
    running then. Buffering costs nothing here: the app streams no response.
    """

    def serve(environ, start_response):
        before, after = latency.of(environ) if latency else (0.0, 0.0)
        time.sleep(before)
        body = app(environ, start_response)
        try:
            whole = [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()
        time.sleep(after)
        return whole

    return serve


class LiveServer:
    """The app served from a thread; it can be stopped and started again on the same port."""

    def __init__(self, app):
        self.app = app
        self.latency = Latency()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server = make_server("127.0.0.1", self.port, buffered(self.app, self.latency), threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.server = None


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """One app for the whole browser run, on its own SQLite file."""
    folder = tmp_path_factory.mktemp("browser")
    os.environ["DESIGNER_INSTANCE"] = str(folder / "instance")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'designer.sqlite3'}", "SECRET_KEY": "browser"})
    server = LiveServer(app)
    server.start()
    yield server
    if server.server:
        server.stop()


@pytest.fixture(scope="session")
def job_worker(live_server, tmp_path_factory):
    """A real ``designer worker`` on the live app's database and queue, for the tests whose pages
    start background jobs."""
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": live_server.app.config["DATABASE_URL"],
        "DESIGNER_INSTANCE": live_server.app.instance_path,
    }
    env.pop("DESIGNER_REDIS_URL", None)
    with log.open("w") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "designer", "worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=Path(__file__).resolve().parents[2],
        )
    yield worker
    worker.send_signal(signal.SIGINT)
    worker.wait(30)


@pytest.fixture
def latency(live_server):
    """Slow some of the live server's answers for one test (see :class:`Latency`)."""
    yield live_server.latency
    live_server.latency.clear()


@pytest.fixture(scope="session")
def base_url(live_server):
    """pytest-base-url's base URL: the live server, so tests write ``page.goto("/")``."""
    return live_server.url


@pytest.fixture
def store(live_server):
    """The live app's session store, for reading what the browser saved."""
    return live_server.app.extensions["designer.store"]


@pytest.fixture
def browser_problems(page):
    """Block requests to other hosts and collect console errors and page errors."""
    problems = {"external": [], "console": [], "pageerror": []}

    def guard(route):
        if urlparse(route.request.url).hostname in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            problems["external"].append(route.request.url)
            route.abort()

    page.context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and problems["console"].append(m.text))
    page.on("pageerror", lambda e: problems["pageerror"].append(str(e)))
    return problems
