"""A cohort regraded through the page: ``designer serve`` (with the worker it starts) and more workers,
an instructor clicking **Regrade all**, the job page polled as the browser polls it, until done.

Fills a fresh database with ``--sessions`` submitted sessions (the seed's chat-app answer, with its
history, graded with v1 of an instructor's rubric), saves v2, then, through HTTP as a browser would:
signs in, asks for the regrade page, posts the regrade, and polls ``/jobs/<id>/progress`` once a second.
Prints the time to the first progress, the whole time, sessions per second, and the same grading done
in this process one session after another (the baseline, measured in the same run), then checks that
every session was regraded once and none was skipped.

    .venv/bin/python benchmarks/regrade.py [--sessions 2000] [--workers 2] [--postgres]

``--workers`` is how many job workers run in all: the one ``designer serve`` starts and the rest as
``designer worker`` processes.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy import func, select, text

from designer.accounts import Accounts
from designer.db import make_engine, upgrade
from designer.grading import grade
from designer.models import JobItemRow, SessionRow, table_of
from designer.rubric_library import RubricLibrary
from designer.sessions import SessionStore

ROOT = Path(__file__).resolve().parents[1]
SESSION_FILE = ROOT / "tests" / "data" / "sessions" / "chat-app-strong.session.json"
PASSWORD = "benchmark password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fill(engine, count: int) -> tuple[list[str], float]:
    """``count`` submitted sessions graded with v1 of the instructor's rubric ``bench``; the rubric at v2.
    Returns the ids and the seconds one grade took in this process (median of 20: the baseline)."""
    store, library = SessionStore(engine), RubricLibrary(engine)
    owner = Accounts(engine).add("instructor@example.com", PASSWORD, "instructor", "Ines")
    library.duplicate("chat-app", "bench", owner.id)
    answer = json.loads(SESSION_FILE.read_text())
    ids = []
    for n in range(count):
        row = store.import_file({**answer, "candidate": f"Candidate {n}"}, mode="interview")
        store.submit(row.id)
        store.record_grade(row.id, "bench", 1, 1.0, {})
        ids.append(row.id)
        if n and n % 500 == 0:
            print(f"  {n} sessions made", flush=True)
    text_, tests_text, _ = library.source("bench")
    library.save("bench", text_, tests_text, owner.id)
    rubric = library.load("bench")
    times = []
    for session_id in ids[:20]:
        started = time.perf_counter()
        grade(store.to_file(store.get(session_id)), rubric)
        times.append(time.perf_counter() - started)
    return ids, sorted(times)[len(times) // 2]


class Browser:
    """Cookies and the CSRF token, as the instructor's browser keeps them."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as answer:
            return answer.read().decode()

    def post(self, path: str, form: dict) -> str:
        """POST a form; return where it redirects."""
        data = urllib.parse.urlencode(form).encode()
        try:
            self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=60)
        except urllib.error.HTTPError as redirect:
            if redirect.code in (302, 303):
                return redirect.headers["Location"]
            raise
        raise SystemExit(f"POST {path} did not redirect")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="job workers in all (serve's one included)")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL (127.0.0.1, database test)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder) / "instance"
        instance.mkdir()
        if args.postgres:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = make_engine("postgresql://postgres@127.0.0.1:5432/test")
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            url = f"postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
        else:
            url = f"sqlite:///{instance / 'designer.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        print(f"regrade of {args.sessions} sessions on {url.split(':')[0]}, {args.workers} job worker(s)")
        started = time.perf_counter()
        ids, one_grade = fill(engine, args.sessions)
        print(f"  made in {time.perf_counter() - started:.0f} s; one grade here: {one_grade * 1000:.0f} ms")
        env = {**os.environ, "DATABASE_URL": url, "DESIGNER_INSTANCE": str(instance)}
        env.pop("DESIGNER_REDIS_URL", None)
        port = free_port()
        bin_dir = Path(sys.executable).parent
        procs = [
            subprocess.Popen(
                [str(bin_dir / "designer"), "serve", "--port", str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        ]
        procs += [
            subprocess.Popen(
                [str(bin_dir / "designer"), "worker"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(args.workers - 1)
        ]
        try:
            browser = Browser(f"http://127.0.0.1:{port}")
            for _ in range(150):
                try:
                    login = browser.get("/login")
                    break
                except OSError:
                    time.sleep(0.2)
            browser.post(
                "/login", {"email": "instructor@example.com", "password": PASSWORD, "csrf_token": csrf(login)}
            )
            shown = browser.get("/rubrics/bench/regrade")
            total = int(re.search(r"(\d+) submitted sessions? you may see", shown)[1])
            clicked = time.perf_counter()
            job_path = browser.post("/rubrics/bench/regrade", {"csrf_token": csrf(shown)})
            first_progress = None
            polls = 0
            while True:
                time.sleep(1)  # as the page polls
                fragment = browser.get(urllib.parse.urlparse(job_path).path + "/progress")
                polls += 1
                handled = int(re.search(r'<progress value="(\d+)"', fragment)[1])
                if handled and first_progress is None:
                    first_progress = time.perf_counter() - clicked
                if "Done:" in fragment or "Stopped" in fragment:
                    break
            whole = time.perf_counter() - clicked
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM if proc is procs[0] else signal.SIGINT)
            for proc in procs:
                proc.wait(60)
        job_id = job_path.rstrip("/").rsplit("/", 1)[1]
        items = table_of(JobItemRow)
        sessions = table_of(SessionRow)
        with engine.connect() as conn:
            once = conn.execute(
                select(func.count(func.distinct(items.c.session_id)), func.count()).where(
                    items.c.job_id == job_id
                )
            ).one()
            at_v2 = conn.execute(
                select(func.count()).where(sessions.c.id.in_(ids), sessions.c.rubric_version == 2)
            ).scalar_one()
        rate = total / whole
        baseline = 1 / one_grade
        print(
            f"  shown on the page: {total} sessions; first progress after {first_progress:.1f} s; {polls} polls"
        )
        print(f"  regraded in {whole:.1f} s: {rate:.1f} sessions/s through the page")
        print(f"  baseline, one process grading one after another here: {baseline:.1f} sessions/s")
        print(f"  ratio: {rate / baseline:.2f}x the baseline with {args.workers} worker(s)")
        print(f"  sessions with an item: {once[0]} (items: {once[1]}); graded with v2: {at_v2} of {len(ids)}")
        ok = once[0] == once[1] == at_v2 == len(ids) == total
        print("  nothing skipped, nothing twice" if ok else "  MISMATCH: something was skipped or repeated")
        engine.dispose()
        if args.postgres:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        if not ok:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
