"""The report page and practice hints in the web app."""

import json
from pathlib import Path

from markupsafe import escape

ROOT = Path(__file__).resolve().parent.parent
WEAK = json.loads((ROOT / "rubrics" / "chat-app" / "weak.session.json").read_text())
HX = {"HX-Request": "true"}


def import_weak(web, mode="practice"):
    return web.post(f"/api/sessions?mode={mode}", json=WEAK).get_json()["id"]


def test_submit_leads_to_the_report_with_evidence_on_each_result(web):
    session_id = import_weak(web)
    response = web.post(f"/s/{session_id}/submit")
    assert response.headers["Location"] == f"/s/{session_id}/report"
    page = web.get(response.headers["Location"]).get_data(as_text=True)
    assert '<span id="score">8.1</span>' in page
    assert "Phone app talks straight to MySQL." in page
    item = page.split('data-criterion="no_direct_db"')[1].split(">", 1)[0]
    assert 'data-edges="[&#34;e3&#34;]"' in item
    assert "For the interviewer" in page and "The questions were the right ones" in page


def test_the_report_json_is_the_graders_report(web):
    session_id = import_weak(web)
    report = web.get(f"/s/{session_id}/report.json").get_json()
    assert report["format"] == "designer.report/1"
    assert report["score"] == 8.1


def test_practice_hints_say_what_is_missing_then_reveal_levels_at_a_cost(web):
    session_id = import_weak(web)
    before = web.get(f"/s/{session_id}/report.json").get_json()["score"]
    hints = web.get(f"/s/{session_id}/hints?step=requirements", headers=HX).get_data(as_text=True)
    assert "The non-functional requirements are written down" in hints
    assert "Scale, latency and availability" not in hints  # nothing given away before asking
    for level in ("nudge", "pointer"):
        hints = web.post(
            f"/s/{session_id}/hints/non_functional", data={"level": level, "step": "requirements"}, headers=HX
        ).get_data(as_text=True)
    assert "How big, how fast, how available?" in hints
    assert "Scale, latency and availability belong in the non-functional requirements." in hints
    assert "Show a fix (costs 50% of its points)" in hints
    report = web.get(f"/s/{session_id}/report.json").get_json()
    assert report["hints_used"] == [{"criterion": "non_functional", "level": "pointer", "cost": 0.5}]
    assert report["score"] <= before


def test_hints_are_refused_in_interview_mode_and_for_bad_levels(web):
    session_id = import_weak(web, mode="interview")
    assert web.get(f"/s/{session_id}/hints", headers=HX).status_code == 403
    practice = import_weak(web)
    response = web.post(f"/s/{practice}/hints/questions", data={"level": "everything"}, headers=HX)
    assert response.status_code == 422
    assert "nudge, pointer, fix" in response.get_data(as_text=True)


def test_the_workspace_of_a_practice_session_asks_for_hints(web):
    session_id = import_weak(web)
    page = web.get(f"/s/{session_id}?step=requirements").get_data(as_text=True)
    assert f'hx-get="/s/{session_id}/hints?step=requirements"' in page
    interview = import_weak(web, mode="interview")
    assert 'id="hints"' not in web.get(f"/s/{interview}").get_data(as_text=True)


def test_a_session_is_graded_once_per_change_and_a_save_regrades_it(web, app):
    kept = app.extensions["designer.grades"]
    session_id = import_weak(web)
    first = web.get(f"/s/{session_id}/report.json").get_json()
    web.get(f"/s/{session_id}/report")
    assert web.get(f"/s/{session_id}/report.json").get_json() == first
    assert kept.misses == 1  # three requests, one grade
    direct = next(r for r in first["results"] if r["criterion"] == "no_direct_db")
    assert direct["status"] == "fail"

    board = json.loads(json.dumps(WEAK["board"]))
    board["edges"] = [e for e in board["edges"] if e["data"]["id"] != "e3"]  # the app no longer reads MySQL
    revision = web.get(f"/api/sessions/{session_id}").headers["ETag"].strip('"')
    saved = web.put(f"/api/sessions/{session_id}/board", json=board, headers={"If-Match": revision})
    assert saved.status_code == 200, saved.get_json()
    after = web.get(f"/s/{session_id}/report.json").get_json()
    assert kept.misses == 2
    assert next(r for r in after["results"] if r["criterion"] == "no_direct_db")["status"] == "pass"
    assert after["score"] > first["score"]


def test_practice_hints_read_the_history_only_for_a_step_whose_checks_need_it(web, app, monkeypatch):
    """Hints refresh after every save; the history (a row per save) is read only for wrap_up, whose
    process checks read it, and every step's hints are what the whole grade says is missing there."""
    store = app.extensions["designer.store"]
    reads = []
    real = store.history
    monkeypatch.setattr(store, "history", lambda *a, **k: reads.append(a) or real(*a, **k))
    session_id = import_weak(web)
    reads.clear()  # the import's answer is the session file, history and all
    full = web.get(f"/s/{session_id}/report.json").get_json()
    assert len(reads) == 1
    for step in ("requirements", "high_level", "scale"):
        page = web.get(f"/s/{session_id}/hints?step={step}", headers=HX).get_data(as_text=True)
        missing = [
            r["title"] for r in full["results"] if r["step"] == step and r["status"] in {"fail", "partial"}
        ]
        assert missing and all(escape(title) in page for title in missing), step
    assert len(reads) == 1  # none of those steps read it
    page = web.get(f"/s/{session_id}/hints?step=wrap_up", headers=HX).get_data(as_text=True)
    assert len(reads) == 1  # kept: the same revision's full grade
    missing = [
        r["title"] for r in full["results"] if r["step"] == "wrap_up" and r["status"] in {"fail", "partial"}
    ]
    assert all(escape(title) in page for title in missing)
    revision = web.get(f"/api/sessions/{session_id}?history=0").headers["ETag"].strip('"')
    web.put(f"/api/sessions/{session_id}/board", json=WEAK["board"], headers={"If-Match": revision})
    web.get(f"/s/{session_id}/hints?step=high_level", headers=HX)
    assert len(reads) == 1  # a save, then a step's hints: still unread
    web.get(f"/s/{session_id}/hints?step=wrap_up", headers=HX)
    assert len(reads) == 2


def test_a_session_kept_with_an_older_built_in_version_says_so(web, app):
    store = app.extensions["designer.store"]
    session_id = import_weak(web)
    web.post(f"/s/{session_id}/submit")
    row = store.get(session_id)
    assert (row.rubric_id, row.rubric_version) == ("chat-app", 6)
    assert "version-note" not in web.get(f"/s/{session_id}/report").get_data(as_text=True)
    store.record_grade(session_id, "chat-app", 1, 17.2, row.points)  # as a session graded before v6 left it
    for page in (f"/s/{session_id}/report", f"/s/{session_id}/review"):
        shown = web.get(page).get_data(as_text=True)
        assert (
            "Kept score 17.2 with v1. A built-in rubric keeps only its newest text, so this page grades with v6"
            in shown
        )
