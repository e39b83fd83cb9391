"""The session list at 10,000 sessions: each page, filter and sort, against reading one session by id.

Fills a fresh database (SQLite in a temporary folder, and PostgreSQL when it is reachable) with
10,000 sessions over five problems, both modes, 100 interviewers' interviews and scores on the
submitted ones, then times what the **Sessions** page runs (one page and the total count) as the admin
and as one interviewer (whose visibility is a subquery), and the whole 10,000-row CSV's queries (as the CSV reads them: one pass for the
criteria, one for the rows; and, for comparison, as 50 pages of the list).
Prints the median of several runs and the ratio to ``store.get`` of one session in the same run.

    .venv/bin/python benchmarks/session_list.py [--sessions 10000] [--runs 7] [--no-postgres]

Goal: every page under 50 ms at 10,000 sessions.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import tempfile
import time
import uuid
from datetime import timedelta

from sqlalchemy import insert, text
from timing import median_ms  # benchmarks/timing.py: run as a script, this folder is on the path

from designer.access import Viewer
from designer.db import make_engine, upgrade
from designer.models import InterviewRow, SessionRow, UserRow, utcnow
from designer.session_list import SessionList, SessionQuery
from designer.sessions import SessionStore

PROBLEMS = ["chat-app", "url-shortener", "news-feed", "web-crawler", "rate-limiter"]


def fill(store: SessionStore, count: int) -> str:
    """Insert ``count`` sessions; return the id of one interviewer with about 1% of them."""
    engine, rng, now = store.engine, random.Random(7), utcnow()
    with engine.begin() as conn:
        users = [
            {
                "email": f"iv{i}@example.com",
                "name": f"Interviewer {i}",
                "role": "interviewer",
                "password_hash": "x",
                "active": True,
                "created_at": now,
            }
            for i in range(100)
        ]
        conn.execute(insert(UserRow.__table__), users)
        interviews, sessions = [], []
        for i in range(count):
            session_id = secrets.token_urlsafe(16)
            interview_id = None
            if i % 2:
                interview_id = secrets.token_urlsafe(12)
                interviews.append(
                    {
                        "id": interview_id,
                        "problem_id": PROBLEMS[i % 5],
                        "rubric_id": PROBLEMS[i % 5],
                        "duration_minutes": 45,
                        "interviewer_id": 1 + i % 100,
                        "candidate_name": f"C{i}",
                        "candidate_email": "",
                        "created_at": now,
                        "expires_at": now,
                        "used_at": now,
                        "session_id": None,
                    }
                )
            submitted = i % 3 != 0
            started = now - timedelta(minutes=i * 7)
            sessions.append(
                {
                    "id": session_id,
                    "problem_id": PROBLEMS[i % 5],
                    "title": PROBLEMS[i % 5],
                    "mode": "interview" if i % 2 else "practice",
                    "status": "submitted" if submitted else "open",
                    "duration_minutes": 45,
                    "candidate": f"Candidate {i:05d}",
                    "revision": 12,
                    "started_at": started,
                    "updated_at": started + timedelta(minutes=40),
                    "submitted_at": started + timedelta(minutes=45) if submitted else None,
                    "board": {"nodes": [], "edges": []},
                    "panels": {},
                    "steps": [],
                    "meta": {},
                    "owner_id": None,
                    "interview_id": interview_id,
                    "rubric_id": PROBLEMS[i % 5],
                    "rubric_version": 1,
                    "score": round(rng.uniform(0, 100), 1) if submitted else None,
                    "points": {"spof": 3, "cache": 1} if submitted else None,
                }
            )
        conn.execute(insert(InterviewRow.__table__), interviews)
        conn.execute(insert(SessionRow.__table__), sessions)
    return sessions[1]["id"]


def run(label: str, url: str, sessions: int, runs: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    store = SessionStore(engine)
    started = time.perf_counter()
    one = fill(store, sessions)
    print(f"{label}: {sessions:,} sessions inserted in {time.perf_counter() - started:.1f} s")
    baseline = median_ms(lambda: store.get(one), runs)
    listing = SessionList(engine)
    admin, interviewer = Viewer(1, "admin"), Viewer(2, "interviewer")
    cases = [
        ("admin, newest first, page 1", admin, SessionQuery()),
        ("admin, page 400 of 400", admin, SessionQuery(page=sessions // 25)),
        ("admin, by score, page 1", admin, SessionQuery(sort="score")),
        (
            "admin, problem+status+score range",
            admin,
            SessionQuery(problem="chat-app", status="submitted", score_min=40, score_max=60),
        ),
        ("admin, candidate search", admin, SessionQuery(candidate="candidate 0123")),
        ("admin, started in the last week", admin, SessionQuery(started_from=utcnow() - timedelta(days=7))),
        ("interviewer (1%), page 1", interviewer, SessionQuery()),
        ("interviewer, by candidate", interviewer, SessionQuery(sort="candidate", descending=False)),
    ]
    print(f"  baseline: one session by id {baseline:7.2f} ms")
    worst = 0.0
    for name, viewer, query in cases:
        ms = median_ms(lambda v=viewer, q=query: listing.search(v, q), runs)
        worst = max(worst, ms)
        print(f"  {name:<38} {ms:7.2f} ms  ({ms / baseline:5.1f}× one session)")
    paged_ms = median_ms(
        lambda: [listing.search(admin, SessionQuery(per_page=200, page=p)) for p in range(1, 51)], 3
    )
    everything = SessionQuery()
    csv_ms = median_ms(
        lambda: (listing.criteria_scored(admin, everything), list(listing.every_match(admin, everything))), 3
    )
    print(f"  the CSV's {sessions:,} rows: as 50 pages of 200 {paged_ms:7.1f} ms")
    print(
        f"  the CSV's {sessions:,} rows: as the CSV reads them {csv_ms:7.1f} ms  ({csv_ms / paged_ms:.2f}× paged)"
    )
    print(f"  worst page {worst:.1f} ms: {'ok' if worst < 50 else 'over'} (goal < 50 ms)")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{folder}/bench.sqlite3", args.sessions, args.runs)
    if args.no_postgres:
        return
    base = os.environ.get("DESIGNER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: say so and stop
        print(f"PostgreSQL skipped: {exc.__class__.__name__}")
        return
    try:
        run("PostgreSQL", f"{base}?options=-csearch_path%3D{schema}", args.sessions, args.runs)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
