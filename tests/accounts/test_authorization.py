"""Every role against every route: the README's authorization table, as a test.

Allowed means the request is served (not 403, not sent to sign in); denied means 403, or the sign-in
page for a visitor opening a page, and never a fragment of the session.
"""

from __future__ import annotations

import json

import pytest

from designer.access import SessionFacts, Viewer, can
from designer.errors import NotFound
from designer.session_list import SessionQuery

ROLES = (
    "visitor",
    "candidate",
    "interview_candidate",
    "interviewer",
    "other_interviewer",
    "instructor",
    "admin",
)
SIGNED_IN = {"candidate", "interviewer", "other_interviewer", "instructor", "admin"}
HX = {"HX-Request": "true"}
JSON = {"Content-Type": "application/json"}

# (method, path, session, headers, body, roles allowed)
TABLE = [
    ("GET", "/", None, {}, None, set(ROLES)),
    ("GET", "/sessions", None, {}, None, SIGNED_IN),
    ("GET", "/sessions.csv", None, {}, None, SIGNED_IN),
    ("GET", "/interviews", None, {}, None, {"interviewer", "other_interviewer", "admin"}),
    ("POST", "/interviews", None, {}, {"problem": "chat-app"}, {"interviewer", "other_interviewer", "admin"}),
    ("GET", "/admin/users", None, {}, None, {"admin"}),
    ("GET", "/rubrics", None, {}, None, {"instructor", "admin"}),
    ("GET", "/rubrics/chat-app", None, {}, None, {"instructor", "admin"}),
    ("POST", "/rubrics/check", None, HX, {"text": "id: x"}, {"instructor", "admin"}),
    ("GET", "/rubrics/chat-app/regrade", None, {}, None, {"instructor", "admin"}),
    ("POST", "/rubrics/new", None, {}, {"new_id": "fresh"}, {"instructor", "admin"}),
    ("POST", "/rubrics/upload", None, {}, {}, {"instructor", "admin"}),
    ("GET", "/rubrics/chat-app/download/rubric", None, {}, None, {"instructor", "admin"}),
    ("GET", "/rubrics/chat-app/download/tests", None, {}, None, {"instructor", "admin"}),
    ("POST", "/admin/users", None, {}, {"email": "new@example.com", "password": "long enough pw"}, {"admin"}),
    # the interview's session: the candidate who opened the link works on it; its interviewer and the
    # admin watch and judge it; nobody else sees it
    ("GET", "/s/{interview}", "interview", {}, None, {"interview_candidate", "interviewer", "admin"}),
    (
        "GET",
        "/s/{interview}?step=estimates",
        "interview",
        {**HX, "HX-Target": "panel"},
        None,
        {"interview_candidate", "interviewer", "admin"},
    ),
    ("GET", "/s/{interview}/report", "interview", {}, None, {"interview_candidate", "interviewer", "admin"}),
    (
        "GET",
        "/s/{interview}/report.json",
        "interview",
        {},
        None,
        {"interviewer", "admin"},
    ),
    ("GET", "/s/{interview}/review", "interview", {}, None, {"interviewer", "admin"}),
    # the board at its peak reads like the grade: not for an interview's candidate
    ("GET", "/s/{interview}/capacity", "interview", HX, None, {"interviewer", "admin"}),
    (
        "GET",
        "/s/{interview}/replay/1",
        "interview",
        {},
        None,
        {"interview_candidate", "interviewer", "admin"},
    ),
    (
        "GET",
        "/s/{interview}/live?since=0",
        "interview",
        {},
        None,
        {"interview_candidate", "interviewer", "admin"},
    ),
    (
        "GET",
        "/s/{interview}/review.md",
        "interview",
        {},
        None,
        {"interviewer", "admin"},
    ),
    (
        "GET",
        "/s/{interview}/download",
        "interview",
        {},
        None,
        {"interview_candidate", "interviewer", "admin"},
    ),
    (
        "GET",
        "/s/{interview}/board.svg",
        "interview",
        {},
        None,
        {"interview_candidate", "interviewer", "admin"},
    ),
    (
        "GET",
        "/s/{interview}/revisions",
        "interview",
        HX,
        None,
        {"interview_candidate", "interviewer", "admin"},
    ),
    (
        "GET",
        "/api/sessions/{interview}",
        "interview",
        {},
        None,
        {"interview_candidate", "interviewer", "admin"},
    ),
    (
        "PUT",
        "/api/sessions/{interview}/board",
        "interview",
        JSON,
        {"nodes": [], "edges": []},
        {"interview_candidate"},
    ),
    (
        "POST",
        "/s/{interview}/panels/requirements",
        "interview",
        HX,
        {"functional": "x"},
        {"interview_candidate"},
    ),
    ("POST", "/s/{interview}/board/nodes", "interview", HX, {"kind": "cache"}, {"interview_candidate"}),
    ("POST", "/s/{interview}/steps", "interview", HX, {"step": "estimates"}, {"interview_candidate"}),
    (
        "POST",
        "/s/{interview}/review",
        "interview",
        {},
        {"field": "notes", "value": "ok"},
        {"interviewer", "admin"},
    ),
    (
        "POST",
        "/s/{interview}/share",
        "interview",
        {},
        {"email": "admin@example.com"},
        {"interviewer", "admin"},
    ),
    # a signed-in candidate's own practice: theirs (and the admin's to see)
    ("GET", "/s/{owned}", "owned", {}, None, {"candidate", "admin"}),
    ("GET", "/s/{owned}/review", "owned", {}, None, {"candidate", "admin"}),
    ("GET", "/s/{owned}/capacity", "owned", HX, None, {"candidate", "admin"}),
    ("PUT", "/api/sessions/{owned}/board", "owned", JSON, {"nodes": [], "edges": []}, {"candidate"}),
    ("POST", "/s/{owned}/review", "owned", {}, {"field": "notes", "value": "ok"}, {"admin"}),
    # practice started without an account: unlisted, open to whoever has its link
    ("GET", "/s/{unlisted}", "unlisted", {}, None, set(ROLES)),
    ("GET", "/s/{unlisted}/capacity", "unlisted", HX, None, set(ROLES)),
    ("PUT", "/api/sessions/{unlisted}/board", "unlisted", JSON, {"nodes": [], "edges": []}, set(ROLES)),
]


def _request(client, method, path, headers, body, revision):
    headers = dict(headers)
    if method in ("PUT", "POST") and "/review" not in path and "/share" not in path:
        headers["If-Match"] = str(revision)
    if headers.get("Content-Type") == "application/json":
        return client.open(path, method=method, headers=headers, data=json.dumps(body))
    return client.open(path, method=method, headers=headers, data=body)


@pytest.mark.parametrize(
    "method, template, session_key, headers, body, allowed", TABLE, ids=[f"{t[0]} {t[1]}" for t in TABLE]
)
def test_every_role_gets_exactly_what_the_table_says(
    cast, store, method, template, session_key, headers, body, allowed
):
    path = template.format(**cast.sessions)
    for role in ROLES:
        revision = store.get(cast.sessions[session_key]).revision if session_key else 0
        response = _request(cast.clients[role], method, path, headers, body, revision)
        text = response.get_data(as_text=True)
        denied = response.status_code == 403 or (
            response.status_code == 302 and "/login" in response.headers.get("Location", "")
        )
        if role in allowed:
            assert not denied and response.status_code < 500, (
                role,
                method,
                path,
                response.status_code,
                text[:300],
            )
        else:
            assert denied, (role, method, path, response.status_code, text[:300])
            if response.status_code == 302:
                assert role not in SIGNED_IN and method == "GET" and "HX-Request" not in headers
            # a refusal shows nothing of the session: not its candidate, board or panels
            assert "Ada" not in text and "board-data" not in text and "Chat app" not in text


def test_a_shared_session_opens_for_the_second_interviewer(cast):
    sid = cast.sessions["interview"]
    other = cast.clients["other_interviewer"]
    assert other.get(f"/s/{sid}/review").status_code == 403
    cast.clients["interviewer"].post(f"/s/{sid}/share", data={"email": "other_interviewer@example.com"})
    assert other.get(f"/s/{sid}/review").status_code == 200
    assert (
        other.post(f"/s/{sid}/review", data={"field": "notes", "value": "second opinion"}).status_code == 303
    )


def test_the_session_list_shows_each_role_its_own(cast):
    def listed(role):
        rows, _ = cast.app.extensions["designer.session_list"].search(viewer_of(cast, role), query())
        return {r.id for r in rows}

    s = cast.sessions
    assert listed("interviewer") == {s["interview"]}
    assert listed("other_interviewer") == set()
    assert listed("candidate") == {s["owned"]}
    assert listed("instructor") == set()
    assert listed("admin") == {s["interview"], s["owned"], s["unlisted"]}
    page = cast.clients["interviewer"].get("/sessions").get_data(as_text=True)
    assert s["interview"] in page and s["owned"] not in page and s["unlisted"] not in page


def test_the_home_page_lists_only_this_browsers_and_accounts_sessions(cast):
    s = cast.sessions
    visitor = cast.clients["visitor"].get("/").get_data(as_text=True)
    assert s["unlisted"] in visitor and s["owned"] not in visitor and s["interview"] not in visitor
    candidate = cast.clients["candidate"].get("/").get_data(as_text=True)
    assert s["owned"] in candidate and s["unlisted"] not in candidate
    admin = cast.clients["admin"].get("/").get_data(as_text=True)
    assert s["owned"] not in admin  # the home page is your own; the admin has the session list


def viewer_of(cast, role):
    granted = frozenset({cast.sessions["interview"]}) if role == "interview_candidate" else frozenset()
    return Viewer(cast.ids.get(role), None if role in ("visitor", "interview_candidate") else role, granted)


def query():
    return SessionQuery(per_page=100)


@pytest.mark.parametrize(
    "viewer, action, facts, expected",
    [
        (Viewer(), "view", SessionFacts("s"), True),  # unlisted practice: the link is enough
        (Viewer(), "edit", SessionFacts("s"), True),
        (Viewer(), "review", SessionFacts("s"), False),
        (Viewer(), "view", SessionFacts("s", owner_id=1), False),
        (Viewer(1, "candidate"), "edit", SessionFacts("s", owner_id=1), True),
        (Viewer(2, "candidate"), "view", SessionFacts("s", owner_id=1), False),
        (Viewer(granted=frozenset({"s"})), "edit", SessionFacts("s", interview_id="i"), True),
        (Viewer(5, "interviewer"), "view", SessionFacts("s", interview_id="i", interviewer_id=5), True),
        (Viewer(5, "interviewer"), "edit", SessionFacts("s", interview_id="i", interviewer_id=5), False),
        (Viewer(6, "interviewer"), "review", SessionFacts("s", interview_id="i", interviewer_id=5), False),
        (
            Viewer(6, "interviewer"),
            "review",
            SessionFacts("s", interview_id="i", interviewer_id=5, shared_with=frozenset({6})),
            True,
        ),
        (
            Viewer(6, "candidate"),
            "review",
            SessionFacts("s", interview_id="i", shared_with=frozenset({6})),
            False,
        ),
        (Viewer(7, "instructor"), "view", SessionFacts("s", owner_id=1, rubric_authors=frozenset({7})), True),
        (
            Viewer(7, "instructor"),
            "review",
            SessionFacts("s", owner_id=1, rubric_authors=frozenset({7})),
            False,
        ),
        (Viewer(7, "instructor"), "view", SessionFacts("s", owner_id=1), False),
        (Viewer(9, "admin"), "review", SessionFacts("s", owner_id=1), True),
        (Viewer(9, "admin"), "edit", SessionFacts("s", owner_id=1), False),
        (Viewer(granted=frozenset({"s"})), "grade", SessionFacts("s", interview_id="i"), False),
        (Viewer(granted=frozenset({"s"})), "grade", SessionFacts("s"), True),
        (Viewer(5, "interviewer"), "grade", SessionFacts("s", interview_id="i", interviewer_id=5), True),
        (
            Viewer(7, "instructor"),
            "grade",
            SessionFacts("s", interview_id="i", rubric_authors=frozenset({7})),
            True,
        ),
    ],
)
def test_the_policy(viewer, action, facts, expected):
    assert can(viewer, action, facts) is expected


def test_an_unknown_action_is_a_bug_not_a_no():
    with pytest.raises(ValueError):
        can(Viewer(), "destroy", SessionFacts("s"))


def test_an_interviews_candidate_never_sees_its_grade(cast):
    sid = cast.sessions["interview"]
    cast.clients["interviewer"].post(f"/s/{sid}/review", data={"field": "notes", "value": "Weak on caching"})
    candidate = cast.clients["interview_candidate"]
    workspace = candidate.get(f"/s/{sid}").get_data(as_text=True)
    assert "Preview grade" not in workspace  # no peeking at the rubric's verdicts mid-interview
    before = candidate.get(f"/s/{sid}/report").get_data(as_text=True)
    assert "Your interview is in progress" in before and "/100" not in before
    candidate.post(f"/s/{sid}/submit")
    after = candidate.get(f"/s/{sid}/report").get_data(as_text=True)
    assert "Your interview is submitted" in after and "/100" not in after and "Weak on caching" not in after
    for url in (f"/s/{sid}/report.json", f"/s/{sid}/review", f"/s/{sid}/review.md", f"/s/{sid}/review.html"):
        refused = candidate.get(url)  # not signed in: refused pages send to the sign-in page
        assert refused.status_code == 403 or "/login" in refused.headers.get("Location", ""), url
        assert "Weak on caching" not in refused.get_data(as_text=True)
    judged = cast.clients["interviewer"].get(f"/s/{sid}/review").get_data(as_text=True)
    assert "Weak on caching" in judged and "/100" in judged
    # practice is different: its candidate sees the grade
    owned = cast.sessions["owned"]
    assert "/100" in cast.clients["candidate"].get(f"/s/{owned}/report").get_data(as_text=True)
    assert "Preview grade" in cast.clients["candidate"].get(f"/s/{owned}").get_data(as_text=True)


def test_the_autosave_checks_its_editor_in_its_own_update(cast, store):
    """The board PUT skips the guard's query: its UPDATE carries the policy. Same answers either way,
    and a refused editor learns nothing (403, not the 409 that would give the revision)."""
    sid = cast.sessions["owned"]
    board = {"nodes": [], "edges": []}
    for role, expected in (("candidate", 200), ("admin", 403), ("visitor", 403), ("interviewer", 403)):
        revision = store.get(sid).revision
        for based_on in (revision, revision - 1):  # current, and stale
            response = cast.clients[role].put(
                f"/api/sessions/{sid}/board", json=board, headers={"If-Match": str(based_on)}
            )
            wanted = expected if based_on == revision or expected == 403 else 409
            assert response.status_code == wanted, (role, based_on, response.get_json())
            if wanted == 403:
                assert "current_revision" not in response.get_json()
    missing = cast.clients["candidate"].put("/api/sessions/nope/board", json=board, headers={"If-Match": "1"})
    assert missing.status_code == 404


DELETERS = {
    "interview": {"interviewer", "admin"},  # not its candidate, not a colleague it was shared with
    "owned": {"candidate", "admin"},
    "unlisted": {"visitor", "admin"},  # the browser that started it; a link is not enough
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("session_key", list(DELETERS))
def test_who_may_delete_a_session(cast, store, session_key, role):
    session_id = cast.sessions[session_key]
    response = cast.clients[role].post(f"/s/{session_id}/delete")
    if role in DELETERS[session_key]:
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        with pytest.raises(NotFound):
            store.get(session_id)
    else:
        denied = response.status_code == 403 or (
            response.status_code == 302 and "/login" in response.headers.get("Location", "")
        )
        assert denied, (role, response.status_code)
        assert store.get(session_id).id == session_id


def test_deleting_an_interview_takes_everything_it_held(cast, store):
    from sqlalchemy import func, select

    from designer.models import AuditRow, InterviewRow, ReviewRow, RevisionRow, ShareRow

    sid = cast.sessions["interview"]
    interviewer = cast.clients["interviewer"]
    cast.clients["interview_candidate"].post(f"/s/{sid}/submit")
    interviewer.post(f"/s/{sid}/review", data={"field": "notes", "value": "clear thinker"})
    interviewer.post(f"/s/{sid}/share", data={"email": "other_interviewer@example.com"})

    def held():
        with store.engine.connect() as conn:
            return {
                t.__tablename__: conn.execute(
                    select(func.count()).select_from(t).where(t.session_id == sid)
                ).scalar_one()
                for t in (AuditRow, InterviewRow, ReviewRow, RevisionRow, ShareRow)
            }

    assert all(held().values()), held()
    review_page = interviewer.get(f"/s/{sid}/review").get_data(as_text=True)
    assert f'action="/s/{sid}/delete"' in review_page
    shared = cast.clients["other_interviewer"].get(f"/s/{sid}/review").get_data(as_text=True)
    assert f'action="/s/{sid}/delete"' not in shared  # shared to judge, not to delete
    deleted = interviewer.post(f"/s/{sid}/delete")
    assert deleted.headers["Location"] == "/sessions"
    assert "Ada&#39;s session on Design a chat app like WhatsApp" in interviewer.get("/sessions").get_data(
        as_text=True
    )
    assert not any(held().values()), held()
    assert cast.clients["interview_candidate"].get(f"/s/{sid}").status_code == 404


def test_the_home_page_offers_to_delete_only_what_this_browser_may(cast):
    s = cast.sessions
    visitor = cast.clients["visitor"].get("/").get_data(as_text=True)
    assert f'action="/s/{s["unlisted"]}/delete"' in visitor
    candidate = cast.clients["candidate"].get("/").get_data(as_text=True)
    assert f'action="/s/{s["owned"]}/delete"' in candidate
    interviewed = cast.clients["interview_candidate"].get("/").get_data(as_text=True)
    assert "/delete" not in interviewed  # an interview is not its candidate's to delete
    gone = cast.clients["candidate"].post(f"/s/{s['owned']}/delete")
    assert gone.headers["Location"] == "/"
    assert "is deleted." in cast.clients["candidate"].get("/").get_data(as_text=True)
