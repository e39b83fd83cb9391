"""A refused write changes nothing: every write route of the app, asked by every role about every kind
of session, either is allowed or leaves every table exactly as it was (issue #13: an interviewer's hint
post answered 403 but had recorded the hint first)."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select
from sqlmodel import SQLModel

from designer.errors import NotFound
from tests.accounts.test_authorization import ROLES

# A body that gives every write route what it reads, so a refusal is the route's decision about who
# asks, not about a missing field.
FORM = {
    "level": "nudge",
    "step": "estimates",
    "field": "notes",
    "value": "written by whoever asked",
    "kind": "cache",
    "label": "Cache",
    "source": "c",
    "target": "s",
    "email": "admin@example.com",
    "password": "a long enough password",
    "role": "admin",
    "active": "0",
    "name": "Mallory",
    "problem": "chat-app",
    "rubric": "chat-app",
    "new_id": "stolen",
    "text": "id: stolen\ntitle: Stolen\n",
    "tests_text": "",
    "summary": "overwritten",
    "-0-name": "dau",
    "-0-expr": "1",
    "session_id": "",
    "duration_minutes": "45",
}
SKIP = {"/login", "/logout", "/api/ping"}  # they write no table; their own tests cover them


def _digest(engine) -> str:
    """Every row of every table, hashed: any write at all changes it."""
    hasher = hashlib.sha256()
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            hasher.update(table.name.encode())
            hasher.update(json.dumps(sorted(map(repr, rows))).encode())
    return hasher.hexdigest()


DESTRUCTIVE = ("/delete", "/cancel", "/submit")


def _revision(store, session_id) -> int:
    try:
        return store.get(session_id).revision
    except NotFound:  # deleted by an allowed request before
        return 1


def _requests(app, cast, interview_id):
    """Each write route, for each kind of session, with its placeholders filled; the routes that end
    a session or an interview last, so the others still have one to be refused on."""
    rules = sorted(
        (
            r
            for r in app.url_map.iter_rules()
            if r.methods - {"GET", "HEAD", "OPTIONS"} and r.rule not in SKIP
        ),
        key=lambda r: r.rule.endswith(DESTRUCTIVE),
    )
    for rule in rules:
        for session_key in ("interview", "owned", "unlisted"):
            for method in sorted(rule.methods - {"GET", "HEAD", "OPTIONS"}):
                yield method, _fill(rule, cast, session_key, interview_id), session_key


def _fill(rule, cast, session_key, interview_id) -> str:
    values = {
        "session_id": cast.sessions[session_key],
        "criterion": "non_functional",
        "number": "1",
        "element_id": "c",
        "rubric_id": "chat-app",
        "user_id": str(cast.ids["candidate"]),
        "step": "wrap_up",
        "interview_id": str(interview_id),
        "token": cast.link.rsplit("/", 1)[1],
    }
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<int:{name}>", values[name]).replace(f"<{name}>", values[name])
    return path


def test_a_refused_write_writes_nothing(app, cast, store):
    engine = store.engine
    refused = 0
    interview_id = store.get(cast.sessions["interview"]).interview_id
    for method, path, session_key in _requests(app, cast, interview_id):
        for role in ROLES:
            client = cast.clients[role]
            before = _digest(engine)
            headers = {"If-Match": str(_revision(store, cast.sessions[session_key]))}
            if path.startswith("/api/"):
                response = client.open(path, method=method, json={"step": "wrap_up"}, headers=headers)
            else:
                response = client.open(path, method=method, data=FORM, headers=headers)
            denied = response.status_code in (401, 403) or (
                response.status_code == 302 and "/login" in response.headers.get("Location", "")
            )
            assert response.status_code < 500, (role, method, path, response.get_data(as_text=True)[:300])
            if denied:
                refused += 1
                assert _digest(engine) == before, f"{role} was refused {method} {path} but it wrote"
    assert refused > 200  # the test asked enough that was refused to mean something


def test_hints_are_the_candidates_alone_to_take(cast, store):
    owned = cast.sessions["owned"]
    for role in ("admin", "interviewer", "instructor", "visitor"):
        response = cast.clients[role].post(f"/s/{owned}/hints/non_functional", data={"level": "fix"})
        assert response.status_code in (302, 403), role
    assert "hints" not in (store.get(owned).meta or {})
    taken = cast.clients["candidate"].post(f"/s/{owned}/hints/non_functional", data={"level": "nudge"})
    assert taken.status_code == 303
    assert store.get(owned).meta["hints"] == {"non_functional": "nudge"}


def test_a_hint_for_a_criterion_the_rubric_lacks_is_404_and_not_recorded(cast, store):
    owned = cast.sessions["owned"]
    response = cast.clients["candidate"].post(f"/s/{owned}/hints/{'x' * 500}", data={"level": "nudge"})
    assert response.status_code == 404
    assert "hints" not in (store.get(owned).meta or {})


def test_an_interviews_candidate_gets_no_hints_and_none_is_recorded(cast, store):
    interview = cast.sessions["interview"]
    response = cast.clients["interview_candidate"].post(
        f"/s/{interview}/hints/non_functional", data={"level": "nudge"}
    )
    assert response.status_code == 403
    assert "hints" not in (store.get(interview).meta or {})
