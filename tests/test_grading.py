"""Grading the seed's chat-app answer: high when written well, and each planted defect costs exactly its points."""

import copy
import json

import pytest

from designer.grading import REPORT_FORMAT, grade
from designer.rubric import load_rubric


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("chat-app")


@pytest.fixture
def strong(chat_session_file):
    return copy.deepcopy(chat_session_file)


def lost(before: dict, after: dict) -> dict[str, float]:
    """The criteria whose points changed between two reports, with the points lost."""
    old = {r["criterion"]: r for r in before["results"]}
    return {
        r["criterion"]: round(old[r["criterion"]]["points"] - r["points"], 2)
        for r in after["results"]
        if r["points"] != old[r["criterion"]]["points"]
    }


def test_the_strong_answer_scores_high_with_every_point_explained(strong, rubric):
    report = grade(strong, rubric)
    assert report["format"] == REPORT_FORMAT
    assert report["score"] >= 90
    assert report["rubric"] == {"id": "chat-app", "version": 6, "title": "Design a chat app like WhatsApp"}
    for result in report["results"]:
        assert result["message"], result["criterion"]
        assert result["status"] in {"pass", "partial", "fail", "not_assessable"}
    assert {m["criterion"] for m in report["manual"]} == {
        "question_quality",
        "deep_dive",
        "thinks_aloud",
        "concerns",
    }
    assert {s["step"] for s in report["sections"]} == {
        "requirements",
        "estimates",
        "api",
        "high_level",
        "database",
        "detailed",
        "scale",
        "wrap_up",
    }


def test_grading_is_deterministic(strong, rubric):
    assert json.dumps(grade(strong, rubric)) == json.dumps(grade(copy.deepcopy(strong), rubric))


def test_database_left_single_loses_the_spof_and_replica_points(strong, rubric):
    before = grade(strong, rubric)
    board = strong["board"]
    board["nodes"] = [n for n in board["nodes"] if n["data"]["id"] != "usersr"]
    board["edges"] = [e for e in board["edges"] if "usersr" not in (e["data"]["source"], e["data"]["target"])]
    after = grade(strong, rubric)
    # and, since no failure case says what happens when that database fails, the discussion's points
    assert lost(before, after) == {"spof": 3.0, "replicated_stores": 1.0, "spofs_discussed": 2.0}
    results = {r["criterion"]: r for r in after["results"]}
    assert results["spofs_discussed"]["evidence"]["nodes"] == ["users"]
    assert results["spof"]["evidence"]["nodes"] == ["users"]
    assert "PostgreSQL: users is a single point of failure" in results["spof"]["message"]
    assert results["replicated_stores"]["status"] == "partial"


def test_client_wired_to_the_database_loses_that_criterion(strong, rubric):
    before = grade(strong, rubric)
    strong["board"]["edges"].append(
        {"data": {"id": "bad", "source": "mobile", "target": "msgdb", "label": "query", "mode": "sync"}}
    )
    after = grade(strong, rubric)
    assert lost(before, after) == {"no_direct_db": 2.0}
    result = next(r for r in after["results"] if r["criterion"] == "no_direct_db")
    assert result["evidence"]["edges"] == ["bad"]
    assert result["message"] == (
        "Mobile app talks straight to Cassandra: messages. Put a service (behind a load "
        "balancer) between clients and the data."
    )


def test_a_10x_estimate_error_loses_the_estimate_points(strong, rubric):
    before = grade(strong, rubric)
    row = next(e for e in strong["panels"]["estimates"] if e["name"] == "write_qps")
    row["expr"] = "msgs_per_day / 8640 s"
    after = grade(strong, rubric)
    assert set(lost(before, after)) == {"stated_figures", "write_qps_range"}
    results = {r["criterion"]: r for r in after["results"]}
    assert results["write_qps_range"]["status"] == "fail"
    assert "estimates[3]" in results["write_qps_range"]["evidence"]["panels"]
    assert "off by 10×" in results["stated_figures"]["message"]


SPELLED_OUT = {
    "write_qps": "about twelve thousand per second",
    "peak_qps": "twenty-four thousand per second",
    "storage_per_day": "a hundred gigabytes a day",
    "storage_5y": "one hundred and eighty-two terabytes",
    "bandwidth_in": "one point two megabytes per second",
}


def test_estimates_stated_in_words_score_as_the_same_estimates_in_digits(strong, rubric):
    before = grade(strong, rubric)
    for row in strong["panels"]["estimates"]:
        row["stated"] = SPELLED_OUT.get(row["name"], row.get("stated"))
    assert lost(before, grade(strong, rubric)) == {}
    # ... and a 10× slip said in words is caught as it is in digits
    row = next(e for e in strong["panels"]["estimates"] if e["name"] == "write_qps")
    row["stated"] = "about a hundred and twenty thousand per second"
    results = {r["criterion"]: r for r in grade(strong, rubric)["results"]}
    assert "off by 10×" in results["stated_figures"]["message"]


def test_no_non_functional_requirements_loses_that_criterion(strong, rubric):
    before = grade(strong, rubric)
    strong["panels"]["requirements"]["non_functional"] = []
    after = grade(strong, rubric)
    assert lost(before, after) == {"non_functional": 2.0}
    result = next(r for r in after["results"] if r["criterion"] == "non_functional")
    assert result["feedback"].startswith("Forgetting the non-functional requirements")


def test_a_file_without_history_reports_process_checks_as_not_assessable(strong, rubric):
    strong.pop("history")
    strong.pop("steps")
    report = grade(strong, rubric)
    statuses = {r["criterion"]: r["status"] for r in report["results"]}
    assert statuses["requirements_first"] == statuses["start_simple"] == statuses["time"] == "not_assessable"
    assert all(r["max"] == 0 for r in report["results"] if r["status"] == "not_assessable")


def test_hints_taken_cost_points_and_are_reported(strong, rubric):
    report = grade(strong, rubric, hints_used={"chat_concepts": "fix", "questions": "nudge"})
    results = {r["criterion"]: r for r in report["results"]}
    assert results["chat_concepts"]["points"] == 1.5  # 3 points, the fix costs half
    assert results["questions"]["points"] == 2.0  # a nudge is free
    assert report["hints_used"] == [
        {"criterion": "questions", "level": "nudge", "cost": 0.0},
        {"criterion": "chat_concepts", "level": "fix", "cost": 1.5},
    ]
    assert report["score"] < grade(strong, rubric)["score"]


def test_an_empty_session_grades_without_error(rubric):
    report = grade({"board": {"nodes": [], "edges": []}}, rubric)
    assert report["score"] < 20
    assert not [r for r in report["results"] if r["status"] == "error"]
