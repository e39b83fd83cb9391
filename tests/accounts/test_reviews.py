"""The judgement: manual scores and overrides change the score exactly; every change is audited."""

from __future__ import annotations

import copy

import pytest

from designer.grading import grade
from designer.reviews import ReviewError, Reviews, apply_review, retotal
from designer.rubric import load_rubric


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("chat-app")


@pytest.fixture
def report(chat_session_file, rubric):
    return grade(chat_session_file, rubric)


def test_retotal_gives_back_the_graders_own_totals(report):
    again = retotal(copy.deepcopy(report))
    assert again["score"] == report["score"]
    assert [s["earned"] for s in again["sections"]] == [s["earned"] for s in report["sections"]]
    assert {c["id"]: c["earned"] for c in again["checklist"]} == {
        c["id"]: c["earned"] for c in report["checklist"]
    }


def test_an_override_moves_the_score_by_its_weighted_share(report):
    result = next(r for r in report["results"] if r["status"] == "pass" and r["max"] >= 2)
    section = next(s for s in report["sections"] if s["step"] == result["step"])
    weights = sum(s["weight"] for s in report["sections"] if s["max"])
    judged = apply_review(
        report,
        {"manual": {}, "overrides": {result["criterion"]: {"points": 0, "reason": "talked through it only"}}},
    )
    changed = next(r for r in judged["results"] if r["criterion"] == result["criterion"])
    assert changed["status"] == "overridden" and changed["points"] == 0
    assert changed["override"] == {
        "from_points": result["points"],
        "from_status": "pass",
        "points": 0,
        "reason": "talked through it only",
    }
    expected_drop = 100 * section["weight"] * result["points"] / section["max"] / weights
    assert report["score"] - judged["score"] == pytest.approx(expected_drop, abs=0.11)
    assert report["results"][0] is not judged["results"][0]  # the original report is untouched


def test_a_scored_manual_criterion_counts_towards_its_section(report):
    manual = report["manual"][0]
    section = next(s for s in report["sections"] if s["step"] == manual["step"])
    judged = apply_review(report, {"manual": {manual["criterion"]: manual["points"]}, "overrides": {}})
    after = next(s for s in judged["sections"] if s["step"] == manual["step"])
    assert after["max"] == section["max"] + manual["points"]
    assert after["earned"] == pytest.approx(section["earned"] + manual["points"])
    entry = next(r for r in judged["results"] if r["criterion"] == manual["criterion"])
    assert entry["status"] == "manual" and entry["message"] == manual["levels"][-1]["label"]


def test_changes_are_validated_and_audited(store, chat_session_file, report):
    row = store.import_file(chat_session_file)
    reviews = Reviews(store.engine)
    manual = report["manual"][0]
    result = next(r for r in report["results"] if r["max"])
    reviews.change(row.id, None, f"manual:{manual['criterion']}", manual["levels"][0]["score"], report)
    reviews.change(row.id, None, f"manual:{manual['criterion']}", manual["levels"][-1]["score"], report)
    reviews.change(row.id, None, f"override:{result['criterion']}", {"points": 0, "reason": "no"}, report)
    reviews.change(row.id, None, "notes", "Solid", report)
    reviews.change(row.id, None, "notes", "Solid", report)  # unchanged: no event
    reviews.change(row.id, None, "recommendation", "hire", report)
    review = reviews.get(row.id)
    assert review.manual == {manual["criterion"]: manual["levels"][-1]["score"]}
    assert review.notes == "Solid" and review.recommendation == "hire"
    trail = [(e["field"], e["before"], e["after"]) for e in reviews.audit(row.id)]
    assert trail == [
        (f"manual:{manual['criterion']}", None, manual["levels"][0]["score"]),
        (f"manual:{manual['criterion']}", manual["levels"][0]["score"], manual["levels"][-1]["score"]),
        (f"override:{result['criterion']}", None, {"points": 0.0, "reason": "no"}),
        ("notes", "", "Solid"),
        ("recommendation", "", "hire"),
    ]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("manual:nope", 1, "no manual criterion 'nope'"),
        ("manual:{manual}", 7, "expected one of the levels' scores"),
        ("override:{result}", {"points": 1, "reason": ""}, "a reason is required"),
        ("override:{result}", {"points": 999, "reason": "x"}, "points must be from 0 to"),
        ("override:{result}", {"points": "lots", "reason": "x"}, "points must be a number"),
        ("recommendation", "maybe", "expected one of strong_hire"),
        ("notes", "x" * 20_001, "at most 20,000 characters"),
        ("colour", "red", "not a field of a review"),
    ],
)
def test_a_bad_change_names_the_field_and_saves_nothing(
    store, chat_session_file, report, field, value, message
):
    row = store.import_file(chat_session_file)
    reviews = Reviews(store.engine)
    field = field.format(
        manual=report["manual"][0]["criterion"],
        result=next(r for r in report["results"] if r["max"])["criterion"],
    )
    with pytest.raises(ReviewError, match=message):
        reviews.change(row.id, None, field, value, report)
    assert reviews.audit(row.id) == []


def test_judging_through_the_page_updates_the_listed_score(cast, store):
    sid = cast.sessions["interview"]
    candidate, interviewer = cast.clients["interview_candidate"], cast.clients["interviewer"]
    candidate.post(f"/s/{sid}/submit")
    before = store.get(sid).score
    assert (
        before is not None and store.get(sid).rubric_id == "chat-app" and store.get(sid).rubric_version == 6
    )
    report = interviewer.get(f"/s/{sid}/report.json").get_json()
    target = next(r for r in report["results"] if r["max"] and r["points"] == 0 and r["status"] == "fail")
    page = interviewer.post(
        f"/s/{sid}/review",
        data={
            "field": f"override:{target['criterion']}",
            "points": target["max"],
            "reason": "drew it on paper",
        },
    )
    assert page.status_code == 303
    assert store.get(sid).score > before
    assert store.get(sid).points[target["criterion"]] == target["max"]
    shown = interviewer.get(f"/s/{sid}/review").get_data(as_text=True)
    assert "drew it on paper" in shown and "Interviewer</strong> changed <code>override:" in shown


def test_a_bad_judgement_shows_its_error_on_the_page(cast):
    sid = cast.sessions["interview"]
    page = cast.clients["interviewer"].post(
        f"/s/{sid}/review", data={"field": "recommendation", "value": "maybe"}
    )
    assert page.status_code == 422
    assert "recommendation: expected one of" in page.get_data(as_text=True)
