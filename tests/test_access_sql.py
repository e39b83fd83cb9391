"""The access policy's SQL (designer.access_sql) says what designer.access says, for every role and
every kind of session, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select, text

from designer import rubric_library
from designer.access import ACTIONS, SessionFacts, Viewer, can, listed
from designer.access_sql import editor_condition
from designer.models import SessionRow
from designer.session_list import SessionList, SessionQuery

PASSWORD = "correct horse battery"


@pytest.fixture
def world(app):
    """Accounts of every role (two of some) and a session of every kind each has a relation to:
    practice with and without an account, an interview, one shared, one graded with an authored
    rubric, and a practice session of one account graded with another's rubric."""
    ext = app.extensions
    accounts, store, interviews = ext["designer.accounts"], ext["designer.store"], ext["designer.interviews"]
    users = {
        name: accounts.add(f"{name}@example.com", PASSWORD, role, name).id
        for name, role in [
            ("admin", "admin"),
            ("ivy", "interviewer"),
            ("ian", "interviewer"),
            ("ines", "interviewer"),
            ("rita", "instructor"),
            ("ray", "instructor"),
            ("cora", "candidate"),
            ("carl", "candidate"),
        ]
    }
    rubric = ext["designer.rubrics"].create(
        rubric_library.skeleton("ritas-rubric", "Rita's"),
        rubric_library.tests_skeleton("ritas-rubric"),
        users["rita"],
        check_tests=False,
    )
    sessions = {
        "unlisted": store.create("chat-app").id,
        "coras": store.create("chat-app", owner_id=users["cora"]).id,
        "carls_graded_by_rita": store.create("news-feed", owner_id=users["carl"]).id,
        "anonymous_graded_by_rita": store.create("news-feed").id,
    }
    for name in ("interview", "shared_interview"):
        scheduled = interviews.schedule(users["ivy"], "chat-app", "chat-app", 45, "Ada")
        sessions[name] = interviews.join(interviews.token(scheduled)).id
    store.share(sessions["shared_interview"], users["ian"])
    for graded in ("carls_graded_by_rita", "anonymous_graded_by_rita"):
        store.record_grade(sessions[graded], rubric, 1, 50.0, {})
    viewers = {"visitor": Viewer()}
    for name, user_id in users.items():
        role = accounts.get(user_id).role
        viewers[name] = Viewer(user_id, role)
        # the same account in a browser that also holds the unlisted session and the interview
        viewers[f"{name}+browser"] = Viewer(
            user_id, role, frozenset({sessions["unlisted"], sessions["interview"]})
        )
    viewers["interview_candidate"] = Viewer(granted=frozenset({sessions["interview"]}))
    return store, sessions, viewers


def test_the_world_has_every_kind_of_answer(world):
    # the tests below are only as good as their cases: each action is given and refused somewhere
    store, sessions, viewers = world
    facts = [store.facts(s) for s in sessions.values()]
    for action in ACTIONS:
        answers = {can(v, action, f) for v, f in itertools.product(viewers.values(), facts)}
        assert answers == {True, False}, action
    assert {listed(v, f) for v, f in itertools.product(viewers.values(), facts)} == {True, False}


def test_the_session_lists_show_exactly_what_the_policy_lists(world):
    store, sessions, viewers = world
    listing = SessionList(store.engine)
    facts = {s: store.facts(s) for s in sessions.values()}
    name_of = {v: k for k, v in sessions.items()}
    for name, viewer in viewers.items():
        rows, total = listing.search(viewer, SessionQuery(per_page=100))
        expected = {name_of[s] for s, f in facts.items() if listed(viewer, f)}
        assert {name_of[r.id] for r in rows} == expected, name
        assert total == len(expected)


def test_the_autosaves_condition_lets_exactly_the_editors_write(world):
    store, sessions, viewers = world
    table = SessionRow.__table__
    for (name, viewer), (kind, session_id) in itertools.product(viewers.items(), sessions.items()):
        condition = editor_condition(viewer, session_id)
        query = select(table.c.id).where(table.c.id == session_id, text("1 = 1" + condition))
        with store.engine.connect() as conn:
            matched = conn.execute(query).first() is not None
        assert matched == can(viewer, "edit", store.facts(session_id)), (name, kind)


@pytest.mark.parametrize("way_in", ["text", "parsed"])
def test_the_autosave_itself_refuses_whom_the_policy_refuses(world, way_in):
    store, sessions, viewers = world

    def save(session_id, revision, viewer):
        if way_in == "text":  # the autosave's own path: the check is in its UPDATE
            return store.save_board_json(session_id, '{"nodes": [], "edges": []}', revision, viewer)
        return store.save_board(session_id, {"nodes": [], "edges": []}, revision, viewer)

    for kind, session_id in sessions.items():
        for name in ("visitor", "cora", "ivy", "interview_candidate"):
            viewer, row = viewers[name], store.get(session_id)
            allowed = can(viewer, "edit", store.facts(session_id))
            if allowed:
                saved = save(session_id, row.revision, viewer)
                assert saved.revision == row.revision + 1, (name, kind)
            else:
                with pytest.raises(Exception, match="Only the candidate can change this session"):
                    save(session_id, row.revision, viewer)
                assert store.get(session_id).revision == row.revision, (name, kind)  # nothing written


def test_facts_of_a_session_of_every_kind_are_what_the_policy_needs(world):
    store, sessions, _ = world
    assert store.facts(sessions["unlisted"]) == SessionFacts(sessions["unlisted"])
    assert store.facts(sessions["shared_interview"]).shared_with != frozenset()
    assert store.facts(sessions["carls_graded_by_rita"]).rubric_authors != frozenset()
