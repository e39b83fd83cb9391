"""The grade cache: a session is graded once per change, and never given a stale grade."""

from __future__ import annotations

import copy

import pytest

from designer.grade_cache import GradeCache
from designer.grading import grade
from designer.rubric import load_rubric


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("chat-app")


@pytest.fixture
def session(chat_session_file):
    return {**chat_session_file, "meta": {"id": "s1"}}


class History:
    """The session's history, counting how often it is read."""

    def __init__(self, entries):
        self.entries, self.reads = entries, 0

    def __call__(self):
        self.reads += 1
        return copy.deepcopy(self.entries)


def test_the_same_session_and_rubric_are_graded_once_and_alike(session, rubric):
    cache, history = GradeCache(), History(session["history"])
    first = cache.grade(session, 5, rubric, history)
    again = cache.grade(session, 5, rubric, history)
    assert history.reads == 1 and cache.misses == 1
    assert first == again == grade(session, rubric)


def test_a_caller_changing_its_grade_does_not_change_the_kept_one(session, rubric):
    cache, history = GradeCache(), History(session["history"])
    first = cache.grade(session, 5, rubric, history)
    expected = copy.deepcopy(first)
    first["score"] = -1
    first["results"].clear()
    assert cache.grade(session, 5, rubric, history) == expected


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: s.update(revision=6), id="a new revision"),
        pytest.param(lambda s: s["steps"].pop(), id="a step undone, same revision"),
        pytest.param(lambda s: s["panels"].update(requirements={}), id="panels cleared"),
        pytest.param(lambda s: s["meta"].update(hints={"scale.cache": "fix"}), id="a hint taken"),
        pytest.param(lambda s: s["meta"].update(id="s2"), id="another session"),
    ],
)
def test_anything_the_grade_reads_is_a_new_grade(session, rubric, change):
    cache, history = GradeCache(), History(session["history"])
    cache.grade(session, 5, rubric, history)
    changed = copy.deepcopy(session)
    change(changed)
    revision = changed.pop("revision", 5)
    report = cache.grade(changed, revision, rubric, history)
    assert history.reads == 2
    assert report == grade(changed, rubric)


def test_a_new_draft_of_the_rubric_is_a_new_grade(session, rubric):
    cache, history = GradeCache(), History(session["history"])
    before = cache.grade(session, 5, rubric, history)
    draft = rubric.model_copy(deep=True)
    dropped = next(c for section in draft.sections for c in section.criteria if c.check and not c.disabled)
    dropped.disabled = True
    after = cache.grade(session, 5, draft, history)
    assert history.reads == 2
    assert dropped.id in {r["criterion"] for r in before["results"]}
    assert dropped.id not in {r["criterion"] for r in after["results"]}


def test_the_least_recently_used_grade_is_dropped_first(session, rubric):
    cache, history = GradeCache(size=2), History(session["history"])
    for revision in (1, 2, 1, 3):  # 1 is used again, so 2 is the one dropped for 3
        cache.grade(session, revision, rubric, history)
    assert history.reads == 3
    cache.grade(session, 1, rubric, history)
    assert history.reads == 3
    cache.grade(session, 2, rubric, history)
    assert history.reads == 4


def test_a_grade_without_the_history_never_reads_it_and_is_kept_apart(session, rubric):
    cache, history = GradeCache(), History(session["history"])
    without = cache.grade(session, 5, rubric, None)
    assert history.reads == 0
    by_id = {r["criterion"]: r for r in without["results"]}
    assert by_id["requirements_first"]["status"] == "not_assessable"  # a check that reads the history
    full = cache.grade(session, 5, rubric, history)
    assert history.reads == 1 and full == grade(session, rubric)
    assert {r["criterion"]: r for r in full["results"]}["requirements_first"]["status"] == "pass"
    assert cache.grade(session, 5, rubric, None) == without and history.reads == 1
