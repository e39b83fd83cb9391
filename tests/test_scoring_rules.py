"""The scoring rules the README states, each against the finding that showed it broken (issue 12)."""

from __future__ import annotations

import copy

import pytest

from designer.checks.registry import all_checks, get_check
from designer.grading import grade
from designer.rubric import load_rubric
from tests.metamorphic import SESSIONS, load


def _results(report: dict) -> dict[str, dict]:
    return {r["criterion"]: r for r in report["results"]}


def _stripped(session: dict) -> list[tuple[str, dict]]:
    """The session with each part left out in turn: a panel, the board, the history and steps."""
    out = []
    for key in list(session.get("panels") or {}):
        s = copy.deepcopy(session)
        del s["panels"][key]
        out.append((f"no {key}", s))
    s = copy.deepcopy(session)
    s["board"] = {"nodes": [], "edges": []}
    out.append(("no board", s))
    s = copy.deepcopy(session)
    s.pop("history", None), s.pop("steps", None)
    out.append(("no history", s))
    return out


@pytest.mark.parametrize("name", SESSIONS)
def test_not_assessable_never_earns_points_and_an_omission_is_a_fail(name):
    session, rubric = load(name)
    for what, changed in [("as written", session), *_stripped(session)]:
        for result in grade(changed, rubric)["results"]:
            if result["status"] == "not_assessable":
                assert result["points"] == result["max"] == 0, (name, what, result["criterion"])
            if result["status"] == "fail":
                assert result["points"] == 0 and result["max"] > 0, (name, what, result["criterion"])


@pytest.mark.parametrize("name", SESSIONS)
def test_leaving_out_a_part_never_scores_higher(name):
    session, rubric = load(name)
    full = grade(session, rubric)["score"]
    for what, changed in _stripped(session):
        if what != "no history":  # the process can't be judged without it: not an omission of the answer
            assert grade(changed, rubric)["score"] <= full, f"{name} with {what} scored higher"


def test_removing_the_non_functional_requirements_no_longer_raises_the_score():
    # The finding: a criterion that failed on them became not assessable, and the score went up.
    session, rubric = load("chat-app/weak.session.json")
    session["panels"]["requirements"]["non_functional"] = ["Messages arrive in real time", "99.9% available"]
    with_them = grade(session, rubric)
    session["panels"]["requirements"]["non_functional"] = []
    without = grade(session, rubric)
    assert without["score"] <= with_them["score"]
    # The prompt asks for real time, so the demand stays: the missing channel still costs its point.
    assert _results(without)["realtime"]["status"] == "fail"


def test_no_single_point_of_failure_looked_for_means_none_discussed_earns_nothing():
    session, rubric = load("chat-app/strong.session.json")
    # Clients that reach no datastore: no single point of failure can be looked for.
    session["board"]["edges"] = [e for e in session["board"]["edges"] if e["data"]["source"] != "mobile"]
    results = _results(grade(session, rubric))
    assert results["spof"]["status"] == "fail" and results["spof"]["points"] == 0
    assert results["spofs_discussed"]["status"] == "fail"
    assert results["spofs_discussed"]["points"] == 0 and results["spofs_discussed"]["max"] == 2
    assert "could be looked for" in results["spofs_discussed"]["message"]
    # A board shown to have none still earns the points: there is nothing left to discuss.
    strong, _ = load("chat-app/strong.session.json")
    for n in strong["board"]["nodes"]:
        n["data"]["replicas"] = max(2, n["data"].get("replicas") or 1)
    assert _results(grade(strong, rubric))["spofs_discussed"]["status"] == "pass"


def test_every_dependent_check_names_a_real_check_and_says_why_it_cant_judge():
    dependents = [c for c in all_checks() if c.depends_on]
    assert dependents, "spofs_discussed depends on the SPOF check"
    for check in dependents:
        assert get_check(check.depends_on).id == check.depends_on
        assert "unjudged" in check.messages, check.id


def test_media_turned_down_in_an_answer_costs_no_cdn_point():
    session, rubric = load("url-shortener/strong.session.json")
    session["panels"]["requirements"]["questions"].append(
        {"question": "Media?", "answer": "Out of scope for now"}
    )
    assert _results(grade(session, rubric))["cdn"]["status"] != "fail"


def test_a_requirement_that_says_no_real_time_demands_no_channel():
    session, _ = load("url-shortener/strong.session.json")
    rubric = load_rubric("url-shortener")
    session["panels"]["requirements"]["non_functional"].append(
        "Page view analytics do not need to be realtime"
    )
    session["panels"]["api"] = [e for e in session["panels"]["api"] if e.get("method") not in {"WS", "SSE"}]
    # Nothing asks for it, so it is left out of the score: neither a free point nor a lost one.
    assert _results(grade(session, rubric))["realtime"]["status"] == "not_assessable"


def test_a_queue_replaced_by_a_synchronous_call_to_the_workers_is_caught():
    session, rubric = load("chat-app/strong.session.json")
    board = session["board"]
    board["nodes"] = [n for n in board["nodes"] if n["data"]["id"] != "kafka"]
    board["edges"] = [e for e in board["edges"] if "kafka" not in (e["data"]["source"], e["data"]["target"])]
    board["edges"].append(
        {"data": {"id": "direct", "source": "chat", "target": "fanout", "label": "fan out", "mode": "sync"}}
    )
    result = _results(grade(session, rubric))["workers_fed"]
    assert result["status"] == "fail" and result["points"] == 0
    assert result["evidence"]["edges"] == ["direct"]
    assert "calls the worker" in result["message"]


def test_a_board_with_nothing_asynchronous_earns_no_free_point_for_buffering():
    session, rubric = load("url-shortener/weak.session.json")
    result = _results(grade(session, rubric))["async_buffered"]
    assert result["status"] == "not_assessable" and result["max"] == 0
