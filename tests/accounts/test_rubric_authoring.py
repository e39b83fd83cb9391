"""Rubrics written in the browser: checked as typed, tested, previewed, saved as versions, regraded."""

from __future__ import annotations

import html
import io
import re

import pytest

from designer.rubric import RubricError
from designer.rubric_library import RubricLibrary
from tests.accounts.conftest import PASSWORD, sign_in


def cases_in(tests_text: str) -> int:
    """How many test cases a rubric's tests file holds (the built-in ones grow with calibration)."""
    return len(re.findall(r"^  - name:", tests_text, re.M))


@pytest.fixture
def lib(store):
    return RubricLibrary(store.engine)


def test_a_duplicate_of_a_built_in_is_version_1_with_its_tests(lib):
    assert lib.duplicate("chat-app", "chat-app-strict", None) == 1
    text, tests_text, version = lib.source("chat-app-strict")
    assert re.search(r"^id: chat-app-strict$", text, re.M) and re.search(r"^version: 1$", text, re.M)
    assert "rubric: chat-app-strict" in tests_text and version == 1
    rubric = lib.load("chat-app-strict")
    assert rubric.id == "chat-app-strict" and any(c.id == "spof" for _, c in rubric.criteria())
    results = lib.run_tests(text, tests_text)
    assert len(results) == len(re.findall(r"^  - name:", tests_text, re.M)) >= 6  # every calibration case
    assert all(r.ok for r in results)


def test_saving_makes_a_new_version_and_keeps_the_old(lib):
    lib.duplicate("url-shortener", "short", None)
    text, tests_text, _ = lib.source("short")
    assert lib.save("short", text.replace("version: 1", "version: 99"), tests_text, None) == 2
    assert lib.source("short")[2] == 2 and re.search(r"^version: 2$", lib.source("short")[0], re.M)
    assert lib.source("short", 1)[2] == 1
    assert lib.load("short", 1).version == 1 and lib.load("short").version == 2


def test_a_draft_with_problems_is_not_saved_and_each_problem_has_its_line(lib):
    lib.duplicate("chat-app", "mine", None)
    text, tests_text, _ = lib.source("mine")
    broken = text.replace("check: graph.path_exists", "check: graph.paths_exist", 1)
    issues = lib.check(broken)
    assert len(issues) == 1
    line = broken[: broken.index("graph.paths_exist")].count("\n") + 1
    assert issues[0].line == line and "graph.path_exists" in issues[0].message
    with pytest.raises(RubricError):
        lib.save("mine", broken, tests_text, None)
    assert lib.latest_version("mine") == 1
    renamed = lib.check(text.replace("id: mine", "id: theirs"), "mine")
    assert renamed and "the id must stay 'mine'" in renamed[0].message


def test_built_ins_are_read_only_and_ids_are_unique(lib):
    with pytest.raises(RubricError, match="built in and read-only"):
        lib.save("chat-app", lib.source("chat-app")[0], "", None)
    lib.duplicate("chat-app", "copy", None)
    with pytest.raises(RubricError, match="already a rubric 'copy'"):
        lib.duplicate("chat-app", "copy", None)
    with pytest.raises(RubricError, match="not an id"):
        lib.duplicate("chat-app", "Bad Id", None)


def test_tests_may_not_read_files_outside_rubrics(lib):
    lib.duplicate("chat-app", "sneaky", None)
    text, _, _ = lib.source("sneaky")
    tests = "rubric: sneaky\ncases:\n  - name: escape\n    session: ../../../../etc/passwd\n"
    (result,) = lib.run_tests(text, tests)
    assert not result.ok and "must be a file under rubrics/" in result.problems[0]


@pytest.fixture
def instructor(cast):
    return cast.clients["instructor"]


def test_the_editor_checks_as_you_type_runs_tests_previews_and_saves(cast, instructor, store):
    built_in = instructor.get("/rubrics/chat-app").get_data(as_text=True)
    assert "built in, read-only" in built_in and "readonly" in built_in and "Save as" not in built_in
    assert instructor.post("/rubrics/chat-app/versions", data={"text": "x"}).status_code == 403

    made = instructor.post("/rubrics/chat-app/duplicate", data={"new_id": "chat-mine"})
    assert made.status_code == 303 and made.headers["Location"] == "/rubrics/chat-mine"
    page = instructor.get("/rubrics/chat-mine").get_data(as_text=True)
    assert "Save as v2" in page and "✓ A valid rubric." in page
    source, tests_text, _ = RubricLibrary(store.engine).source("chat-mine")

    broken = source.replace("points:", "pionts:", 1)
    checked = instructor.post("/rubrics/check", data={"text": broken, "rubric_id": "chat-mine"})
    body = checked.get_data(as_text=True)
    line = broken[: broken.index("pionts:")].count("\n") + 1
    assert f'data-line="{line}"' in body and "unknown key &#39;pionts&#39;" in body

    tests = instructor.post("/rubrics/chat-mine/test", data={"text": source, "tests_text": tests_text})
    n = cases_in(tests_text)
    assert f"{n} of {n} cases pass." in tests.get_data(as_text=True)
    strict = source.replace("points: 3", "points: 30", 1)
    preview = instructor.post(
        "/rubrics/chat-mine/preview", data={"text": strict, "session_id": cast.sessions["interview"]}
    )
    assert "You can&#39;t see that session." in preview.get_data(as_text=True)  # not graded with theirs

    bad_save = instructor.post("/rubrics/chat-mine/versions", data={"text": broken, "tests_text": tests_text})
    assert bad_save.status_code == 422 and RubricLibrary(store.engine).latest_version("chat-mine") == 1
    saved = instructor.post("/rubrics/chat-mine/versions", data={"text": strict, "tests_text": tests_text})
    assert saved.status_code == 303 and RubricLibrary(store.engine).latest_version("chat-mine") == 2
    listed = instructor.get("/rubrics").get_data(as_text=True)
    assert "chat-mine" in listed and "v2" in listed


def test_another_instructors_rubric_is_theirs(cast, instructor, app):
    instructor.post("/rubrics/chat-app/duplicate", data={"new_id": "private"})
    app.extensions["designer.accounts"].add("second@example.com", PASSWORD, "instructor")
    other = sign_in(app, "second@example.com")
    assert other.get("/rubrics/private").status_code == 403
    assert "private" not in other.get("/rubrics").get_data(as_text=True)
    assert cast.clients["admin"].get("/rubrics/private").status_code == 200
    for role in ("interviewer", "candidate"):
        assert cast.clients[role].get("/rubrics").status_code == 403
        assert cast.clients[role].get("/rubrics/chat-app").status_code == 403  # not even a built-in one
        refused = cast.clients[role].post("/rubrics/chat-app/preview", data={"text": "x", "session_id": "y"})
        assert refused.status_code == 403
    assert cast.clients["visitor"].get("/rubrics").status_code == 302
    assert cast.clients["visitor"].get("/rubrics/private").status_code == 302
    # the other instructor may read the built-in rubric but not save over it, nor save the first one's
    assert other.get("/rubrics/chat-app").status_code == 200
    assert other.post("/rubrics/chat-app/versions", data={"text": "x"}).status_code == 403
    before = RubricLibrary(app.extensions["designer.store"].engine).latest_version("private")
    assert other.post("/rubrics/private/versions", data={"text": "x"}).status_code == 403
    assert RubricLibrary(app.extensions["designer.store"].engine).latest_version("private") == before


def test_sessions_keep_their_version_and_regrade_shows_old_and_new(cast, instructor, store):
    lib = RubricLibrary(store.engine)
    instructor.post("/rubrics/chat-app/duplicate", data={"new_id": "chat-v"})
    session_id = submitted_interview(cast, "chat-v", "Cy")
    before = store.get(session_id)
    assert (before.rubric_id, before.rubric_version) == ("chat-v", 1)
    # the instructor now sees the session: it is graded with their rubric
    assert instructor.get(f"/s/{session_id}/review").status_code == 200

    source, tests_text, _ = lib.source("chat-v")
    # the functional requirements, now worth far more: a different score for the same work
    harsher = source.replace(
        "  - step: requirements\n    criteria:\n",
        "  - step: requirements\n    criteria:\n      - id: functional\n        points: 40\n",
        1,
    )
    assert lib.check(harsher) == []
    assert (
        instructor.post(
            "/rubrics/chat-v/versions", data={"text": harsher, "tests_text": tests_text}
        ).status_code
        == 303
    )
    assert store.get(session_id).rubric_version == 1  # saving a version regrades nothing
    preview = instructor.post("/rubrics/chat-v/preview", data={"text": harsher, "session_id": session_id})
    assert "With this draft, <strong>Cy</strong>" in preview.get_data(as_text=True)
    shown = instructor.get("/rubrics/chat-v/regrade").get_data(as_text=True)
    assert "With v2" in shown and f"{before.score:g}" in shown
    assert instructor.post("/rubrics/chat-v/regrade").status_code == 303
    after = store.get(session_id)
    assert after.rubric_version == 2 and after.score != before.score


def submitted_interview(cast, rubric_id: str, candidate: str) -> str:
    """An interview with ``rubric_id``, its requirements half written, submitted."""
    page = cast.clients["interviewer"].post(
        "/interviews", data={"problem": "chat-app", "rubric": rubric_id, "candidate_name": candidate}
    )
    link = re.search(
        r'id="candidate-link" readonly value="http://localhost([^"]+)"', page.get_data(as_text=True)
    )[1]
    browser = cast.app.test_client()
    session_id = browser.post(link).headers["Location"].split("/s/")[1]
    browser.put(
        f"/api/sessions/{session_id}/panels/requirements",
        json={"functional": ["Send messages"], "non_functional": [], "questions": [], "out_of_scope": []},
        headers={"If-Match": "1"},
    )
    browser.post(f"/s/{session_id}/submit")
    return session_id


def test_a_saved_session_becomes_a_test_case_that_catches_a_changed_score(cast, instructor, store):
    lib = RubricLibrary(store.engine)
    instructor.post("/rubrics/chat-app/duplicate", data={"new_id": "chat-cases"})
    session_id = submitted_interview(cast, "chat-cases", "Dee")
    source, tests_text, _ = lib.source("chat-cases")

    preview = instructor.post("/rubrics/chat-cases/preview", data={"text": source, "session_id": session_id})
    shown = preview.get_data(as_text=True)
    assert "Add as a test case" in shown
    case = html.unescape(re.search(r"<pre class=\"case-yaml\" hidden data-case>(.*?)</pre>", shown, re.S)[1])
    assert f"session_id: {session_id}" in case and case.startswith("  - name: 'Dee: Design a chat app")
    with_case = tests_text.rstrip("\n") + "\n" + case

    def run(text: str, tests: str) -> str:
        answer = instructor.post("/rubrics/chat-cases/test", data={"text": text, "tests_text": tests})
        return answer.get_data(as_text=True)

    n = cases_in(with_case)
    assert f"{n} of {n} cases pass." in run(source, with_case)
    # One functional requirement now enough: Dee's partial answer passes, and the pinned case says so.
    lenient = source.replace(
        "  - step: requirements\n    criteria:\n",
        "  - step: requirements\n    criteria:\n      - id: functional\n        params: {min: 1}\n",
        1,
    )
    assert lib.check(lenient) == []
    failed = run(lenient, with_case)
    assert f"{n - 1} of {n} cases pass." in failed and "functional: expected to fail, got pass" in failed


def test_a_case_may_only_name_a_saved_session_its_author_may_see(cast, instructor, store):
    lib = RubricLibrary(store.engine)
    instructor.post("/rubrics/chat-app/duplicate", data={"new_id": "chat-peek"})
    source, _, _ = lib.source("chat-peek")
    answers = []
    for session_id in (cast.sessions["interview"], "no-such-session"):  # another's; none at all
        tests = (
            f"rubric: chat-peek\ncases:\n  - name: peek\n    session_id: {session_id}\n    score: [0, 100]\n"
        )
        answer = instructor.post("/rubrics/chat-peek/test", data={"text": source, "tests_text": tests})
        body = answer.get_data(as_text=True)
        assert "0 of 1 cases pass." in body
        answers.append(body.replace(session_id, "ID"))
    assert "no saved session with this id that you may see" in answers[0]
    assert answers[0] == answers[1]  # nothing tells a session that exists from one that does not
    both = "rubric: chat-peek\ncases:\n  - name: two\n    session: a.json\n    session_id: b\n"
    body = instructor.post("/rubrics/chat-peek/test", data={"text": source, "tests_text": both})
    assert "exactly one of session (a file) or session_id" in body.get_data(as_text=True)


def test_a_saved_session_case_outside_the_app_says_where_it_runs(lib):
    lib.duplicate("chat-app", "offline", None)
    text, _, _ = lib.source("offline")
    tests = "rubric: offline\ncases:\n  - name: saved\n    session_id: abc\n"
    (result,) = lib.run_tests(text, tests)  # no lookup given, as from the command line
    assert not result.ok and result.problems == [
        "session_id abc: saved sessions are read only where they are, in the app"
    ]


def test_a_new_rubric_from_its_text_takes_the_id_the_text_names(lib):
    from designer.rubric_library import skeleton, tests_skeleton

    made = lib.create(
        skeleton("parking-lot", "Design: a parking lot"), tests_skeleton("parking-lot"), None, False
    )
    assert made == "parking-lot" and lib.latest_version("parking-lot") == 1
    assert lib.load("parking-lot").title == "Design: a parking lot"
    with pytest.raises(RubricError, match="there is already a rubric 'parking-lot'") as again:
        lib.create(skeleton("parking-lot"), "", None)
    assert again.value.issues[0].line == 4  # the id: line of the skeleton
    with pytest.raises(RubricError, match="there is already a rubric 'chat-app'"):
        lib.create(lib.source("chat-app")[0], "", None)  # a built-in's id is taken too
    with pytest.raises(RubricError) as bad_tests:
        lib.create(skeleton("with-bad-tests"), "rubric: with-bad-tests\ncases: [{nme: x}]\n", None)
    assert bad_tests.value.issues[0].source == "tests" and not lib.exists("with-bad-tests")


def test_rubric_files_come_in_and_go_out_through_the_browser(cast, instructor, store, tmp_path):
    from designer.rubric import load_rubric

    made = instructor.post("/rubrics/new", data={"new_id": "parking", "title": "Design a parking lot: v2"})
    assert made.status_code == 303 and made.headers["Location"] == "/rubrics/parking"
    page = instructor.get("/rubrics/parking").get_data(as_text=True)
    assert "✓ A valid rubric." in page and "parking.tests.yaml" in page

    source, tests_text, _ = RubricLibrary(store.engine).source("chat-app")
    text = source.replace("id: chat-app", "id: chat-brought", 1)
    tests = tests_text.replace("rubric: chat-app", "rubric: chat-brought", 1)
    brought = instructor.post(
        "/rubrics/upload",
        data={
            "file": (io.BytesIO(text.encode()), "chat.yaml"),
            "tests": (io.BytesIO(tests.encode()), "t.yaml"),
        },
        content_type="multipart/form-data",
    )
    assert brought.status_code == 303 and brought.headers["Location"] == "/rubrics/chat-brought"
    ran = instructor.post("/rubrics/chat-brought/test", data={"text": text, "tests_text": tests})
    n = cases_in(tests)
    assert f"{n} of {n} cases pass." in ran.get_data(as_text=True)

    downloaded = instructor.get("/rubrics/chat-brought/download/rubric")
    assert downloaded.headers["Content-Disposition"] == 'attachment; filename="chat-brought.yaml"'
    (tmp_path / "chat-brought.yaml").write_bytes(downloaded.data)
    assert load_rubric(tmp_path / "chat-brought.yaml").id == "chat-brought"  # what `designer rubric` reads
    tests_file = instructor.get("/rubrics/chat-brought/download/tests")
    assert tests_file.headers["Content-Disposition"] == 'attachment; filename="chat-brought.tests.yaml"'
    assert tests_file.get_data(as_text=True) == tests
    assert instructor.get("/rubrics/chat-app/download/rubric").get_data(as_text=True) == source
    assert instructor.get("/rubrics/chat-brought/download/other").status_code == 404
    assert instructor.get("/rubrics/chat-brought/download/rubric?version=9").status_code == 404


@pytest.mark.parametrize(
    "upload, message",
    [
        ((b"id: x\ntitle: T\ncolour: red\n", "broken.yaml"), "broken.yaml, line 3, column"),
        ((b"\xff\xfe not text", "binary.yaml"), "binary.yaml, line 1, column 1: the file is not UTF-8 text"),
        ((b"x" * 200_001, "huge.yaml"), "the file is over 200,000 bytes"),
        (None, "choose a rubric file (.yaml)"),
    ],
)
def test_a_rubric_file_that_cant_be_used_is_refused_at_its_line(instructor, store, upload, message):
    data = {"file": (io.BytesIO(upload[0]), upload[1])} if upload else {}
    answer = instructor.post("/rubrics/upload", data=data, content_type="multipart/form-data")
    assert answer.status_code == 422
    assert message in html.unescape(answer.get_data(as_text=True))
    assert RubricLibrary(store.engine).entries(everyone=True) == RubricLibrary(store.engine).entries()


def test_a_new_rubric_needs_a_free_id(instructor):
    answer = instructor.post("/rubrics/new", data={"new_id": "chat-app"})
    assert answer.status_code == 422
    assert "there is already a rubric &#39;chat-app&#39;" in answer.get_data(as_text=True)
    answer = instructor.post("/rubrics/new", data={"new_id": "Not An Id"})
    assert answer.status_code == 422 and "is not an id" in answer.get_data(as_text=True)


def test_another_instructors_rubric_cant_be_downloaded(cast, instructor, app):
    instructor.post("/rubrics/new", data={"new_id": "mine-only"})
    app.extensions["designer.accounts"].add("third@example.com", PASSWORD, "instructor")
    other = sign_in(app, "third@example.com")
    assert other.get("/rubrics/mine-only/download/rubric").status_code == 403
    assert other.get("/rubrics/mine-only/download/tests").status_code == 403


def test_a_draft_may_build_only_on_rubrics_its_author_may_read(cast, instructor, app, store):
    from designer.rubric_library import skeleton

    instructor.post("/rubrics/new", data={"new_id": "a-private"})
    app.extensions["designer.accounts"].add("b@example.com", PASSWORD, "instructor")
    other = sign_in(app, "b@example.com")
    other.post("/rubrics/new", data={"new_id": "b-own"})

    def draft(base: str) -> str:
        return skeleton("b-own").replace("extends: interview-checklist", f"extends: {base}", 1)

    def answers(client, base: str) -> list[str]:
        text = draft(base)
        checked = client.post("/rubrics/check", data={"text": text, "rubric_id": "b-own"})
        tests = "rubric: b-own\ncases:\n  - {name: x, session: chat-app/strong.session.json}\n"
        ran = client.post("/rubrics/b-own/test", data={"text": text, "tests_text": tests})
        saved = client.post("/rubrics/b-own/versions", data={"text": text, "tests_text": ""})
        brought = client.post(
            "/rubrics/upload",
            data={"file": (io.BytesIO(draft(base).replace("id: b-own", "id: b-new").encode()), "b.yaml")},
            content_type="multipart/form-data",
        )
        pages = [
            html.unescape(r.get_data(as_text=True)).replace(base, "BASE")
            for r in (checked, ran, saved, brought)
        ]
        return [re.findall(r'<ul class="errors">(.*?)</ul>', page, re.S) for page in pages]  # their problems

    hidden, missing = answers(other, "a-private"), answers(other, "no-such-rubric")
    assert all(len(a) == 1 and "there is no rubric 'BASE' to extend" in a[0] for a in hidden)
    assert hidden == missing  # nothing tells another's rubric from none
    assert RubricLibrary(store.engine).latest_version("b-own") == 1 and not RubricLibrary(
        store.engine
    ).exists("b-new")
    own = other.post(
        "/rubrics/check",
        data={"text": draft("b-own").replace("id: b-own", "id: b-two"), "rubric_id": "b-two"},
    )
    assert "✓ A valid rubric." in own.get_data(as_text=True)  # their own rubric is theirs to build on
