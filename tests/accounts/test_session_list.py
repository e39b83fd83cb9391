"""The session list: filters, sorting, paging and the cohort CSV, for what the viewer may see."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import update

from designer.access import Viewer
from designer.models import SessionRow, utcnow
from designer.session_list import SessionList, SessionQuery

ADMIN = Viewer(1, "admin")


@pytest.fixture
def cohort(store):
    """Twelve sessions: three problems, both modes, scores 0…55 on the submitted ones, spread over days."""
    table = SessionRow.__table__
    made = []
    for i in range(12):
        row = store.create(
            ["chat-app", "url-shortener", "news-feed"][i % 3],
            mode="interview" if i % 2 else "practice",
            candidate=f"Cand {i:02d}" if i != 5 else '=HYPERLINK("x")',
        )
        values = {"started_at": utcnow() - timedelta(days=i), "updated_at": utcnow() - timedelta(hours=i)}
        if i % 4 != 3:
            values.update(
                status="submitted",
                score=float(i * 5),
                points={"spof": i % 3, "cache": 1.0},
                rubric_id="chat-app",
                rubric_version=1,
            )
        with store.engine.begin() as conn:
            conn.execute(update(table).where(table.c.id == row.id).values(**values))
        made.append(row.id)
    return made


def ids(store, **query):
    rows, total = SessionList(store.engine).search(ADMIN, SessionQuery(**query))
    return [r.candidate for r in rows], total


def test_filters_combine(store, cohort):
    names, total = ids(store, problem="chat-app", mode="interview")
    assert total == 2 and sorted(names) == ["Cand 03", "Cand 09"]
    names, total = ids(store, status="submitted", score_min=20, score_max=40)
    assert sorted(names) == ['=HYPERLINK("x")', "Cand 04", "Cand 06", "Cand 08"] and total == 4
    names, _ = ids(store, candidate="cand 1")
    assert sorted(names) == ["Cand 10", "Cand 11"]
    names, _ = ids(store, candidate="%")  # a wildcard typed is a character, not "anything"
    assert names == []
    names, _ = ids(store, started_from=utcnow() - timedelta(days=2, hours=1))
    assert sorted(names) == ["Cand 00", "Cand 01", "Cand 02"]


def test_sorting_and_paging_never_repeat_or_skip(store, cohort):
    seen = []
    for page in (1, 2, 3):
        names, total = ids(store, sort="score", descending=True, page=page, per_page=5)
        seen += names
    assert total == 12 and len(seen) == 12 and len(set(seen)) == 12
    scored = [n for n in seen[:9]]
    assert scored[0] == "Cand 10"  # the highest score first, unscored ones last
    assert set(seen[9:]) == {"Cand 03", "Cand 07", "Cand 11"}
    oldest_first, _ = ids(store, sort="started", descending=False, per_page=3)
    assert oldest_first == ["Cand 11", "Cand 10", "Cand 09"]


def test_the_page_filters_sorts_and_links_pages(app, store, cohort):
    accounts = app.extensions["designer.accounts"]
    accounts.add("admin@example.com", "long enough pw", "admin")
    client = app.test_client()
    client.post("/login", data={"email": "admin@example.com", "password": "long enough pw"})
    page = client.get("/sessions?status=submitted&sort=score&dir=desc&per_page=25").get_data(as_text=True)
    assert "9 match" in page and page.index("Cand 10") < page.index("Cand 08")
    assert 'aria-sort="descending"' in page
    paged = client.get("/sessions?per_page=25&page=1").get_data(as_text=True)
    assert "Page 1 of" not in paged  # twelve fit on one page
    bad = client.get("/sessions?score_min=high")
    assert bad.status_code == 400 and "score_min must be a number" in bad.get_data(as_text=True)


def test_the_csv_has_a_row_per_session_and_a_column_per_criterion(app, store, cohort):
    app.extensions["designer.accounts"].add("admin@example.com", "long enough pw", "admin")
    client = app.test_client()
    client.post("/login", data={"email": "admin@example.com", "password": "long enough pw"})
    response = client.get("/sessions.csv?status=submitted&sort=candidate&dir=asc")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 9
    assert list(rows[0])[-2:] == ["spof", "cache"]
    first = rows[1]  # sorted by candidate: "'=HYPERLINK…" sorts first, then Cand 00
    assert first["candidate"] == "Cand 00" and first["score"] == "0.0" and first["spof"] == "0"
    assert rows[0]["candidate"] == '\'=HYPERLINK("x")'  # never a formula in a spreadsheet


def test_a_large_csv_is_whole_in_order_and_only_what_the_viewer_sees(app, store):
    """1,203 sessions: more than one chunk of the stream, and more than the list's largest page."""
    table = SessionRow.__table__
    accounts = app.extensions["designer.accounts"]
    accounts.add("admin@example.com", "long enough pw", "admin")
    owner = accounts.add("cand@example.com", "long enough pw", "candidate")
    started = utcnow()
    rows = [
        {
            "id": f"s{i:05d}",
            "problem_id": "chat-app",
            "title": "Chat",
            "mode": "practice",
            "status": "submitted",
            "candidate": f"C{i:05d}",
            "owner_id": owner.id if i % 10 == 0 else None,
            "score": float(i % 100),
            "points": {"spof": i % 3} if i < 1202 else {"spof": 1, "late_criterion": 2},
            "revision": 1,
            "started_at": started,
            "updated_at": started,
            "board": {"nodes": [], "edges": []},
            "panels": {},
            "steps": [],
            "meta": {},
            "duration_minutes": 45,
        }
        for i in range(1203)
    ]
    with store.engine.begin() as conn:
        conn.execute(table.insert(), rows)

    def csv_as(email: str) -> list[dict]:
        client = app.test_client()
        client.post("/login", data={"email": email, "password": "long enough pw"})
        response = client.get("/sessions.csv?sort=candidate&dir=asc")
        assert response.status_code == 200 and response.is_streamed
        return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))

    everything = csv_as("admin@example.com")
    assert [r["candidate"] for r in everything] == [f"C{i:05d}" for i in range(1203)]
    assert everything[-1]["late_criterion"] == "2" and everything[0]["late_criterion"] == ""
    theirs = csv_as("cand@example.com")
    assert [r["candidate"] for r in theirs] == [f"C{i:05d}" for i in range(0, 1203, 10)]
