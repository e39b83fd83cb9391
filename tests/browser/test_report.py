"""The grader in the browser: practice hints while working, the report after submit, evidence on the board."""

from __future__ import annotations

import json
from pathlib import Path

import requests
from playwright.sync_api import Page, expect

WEAK = json.loads(
    (Path(__file__).resolve().parents[2] / "rubrics" / "chat-app" / "weak.session.json").read_text()
)


def test_practice_hints_then_submit_then_evidence_on_the_board(page: Page, base_url, browser_problems):
    session_id = requests.post(f"{base_url}/api/sessions?mode=practice", json=WEAK, timeout=10).json()["id"]
    page.goto(f"/s/{session_id}?step=requirements")
    hints = page.locator("#hints")
    expect(hints).to_contain_text("The non-functional requirements are written down")
    hints.locator("li[data-criterion=non_functional]").get_by_role("button", name="Show a nudge").click()
    expect(hints.locator("li[data-criterion=non_functional] .hint-nudge")).to_have_text(
        "nudge: How big, how fast, how available?"
    )
    # Writing the missing requirements makes the grader's list shrink on its own.
    page.locator("textarea[name=non_functional]").fill("p99 < 200 ms\n99.9% availability")
    expect(hints.locator("li[data-criterion=non_functional]")).to_have_count(0, timeout=10_000)

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(f"**/s/{session_id}/report")
    page.wait_for_function("() => window.reportCy !== undefined")
    result = page.locator(".result[data-criterion=no_direct_db]")
    expect(result).to_contain_text("Phone app talks straight to MySQL.")
    result.click()
    expect(result.locator(".evidence-toggle")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => reportCy.$id('e3').hasClass('evidence')") is True
    assert page.evaluate("() => reportCy.$id('server').hasClass('dimmed')") is True
    # A highlighted box keeps its shape: the arrow's 4-px width once made it a sliver.
    width = "() => reportCy.$id('db').renderedWidth()"
    plain = page.evaluate(width)
    page.locator(".result[data-criterion=spof]").click()
    assert page.evaluate("() => reportCy.$id('db').hasClass('evidence')") is True
    assert page.evaluate(width) >= plain > 10
    assert page.evaluate("() => reportCy.$id('db').style('border-width')") == "5px"
    expect(page.locator(".result[data-criterion=non_functional] .points")).to_have_text(
        "2/2"
    )  # a nudge is free
    expect(page.locator(".score-card")).to_contain_text("Hints taken: non_functional (nudge, −0)")
    assert not any(browser_problems.values()), browser_problems


def test_upload_a_diagram_confirm_a_kind_and_work_on_it(page: Page, tmp_path, browser_problems):
    diagram = tmp_path / "design.mmd"
    diagram.write_text("flowchart LR\n  u([Users]) --> lb{nginx} -->|HTTPS| api[API x3] --> db[(Orders)]\n")
    page.goto("/")
    page.locator("section.import input[type=file]").set_input_files(str(diagram))
    page.locator("section.import").get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="What is each box?")).to_be_visible()
    page.get_by_label("Kind of Orders").select_option("nosql_database")
    page.get_by_role("button", name="Create the session").click()
    page.wait_for_url("**/s/*")
    page.wait_for_function(
        "() => window.designerWhiteboard && cy.nodes().length === 4 && cy.edges().length === 3"
    )
    assert page.evaluate("() => cy.$id('db').data('kind')") == "nosql_database"
    assert page.evaluate("() => cy.$id('api').data('replicas')") == 3
    assert not any(browser_problems.values()), browser_problems


def test_a_diagram_added_from_the_workspace(page: Page, base_url, tmp_path, browser_problems):
    created = requests.post(f"{base_url}/api/sessions", json={"problem": "chat-app"}, timeout=10).json()
    diagram = tmp_path / "cache.mmd"
    diagram.write_text("flowchart LR\n  api[Chat API] --> r((Redis))\n")
    page.goto(f"/s/{created['id']}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    page.locator("#board-import input[type=file]").set_input_files(str(diagram))
    page.locator("#board-import").get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("button", name="Add to the whiteboard").click()
    page.wait_for_function(
        "() => window.designerWhiteboard && cy.nodes().length === 2 && cy.edges().length === 1"
    )
    assert page.evaluate("() => cy.$id('r').data('kind')") == "cache"
    assert not any(browser_problems.values()), browser_problems


def test_a_watched_session_deleted_elsewhere_stops_the_live_view(page: Page, base_url, store):
    session_id = requests.post(f"{base_url}/api/sessions?mode=practice", json=WEAK, timeout=10).json()["id"]
    polls = []
    page.on("request", lambda r: "/live?" in r.url and polls.append(r.url))
    page.goto(f"/s/{session_id}/review")
    expect(page.locator("#live-status")).to_have_text("in progress")
    store.delete(session_id)
    expect(page.locator("#live-status")).to_have_text("deleted", timeout=3_000)
    asked = len(polls)
    page.wait_for_timeout(2_500)
    assert len(polls) == asked  # it stopped asking


def _save_board(base_url: str, session_id: str, board: dict) -> None:
    revision = requests.get(f"{base_url}/api/sessions/{session_id}", timeout=10).headers["ETag"].strip('"W/')
    saved = requests.put(
        f"{base_url}/api/sessions/{session_id}/board", json=board, headers={"If-Match": revision}, timeout=10
    )
    assert saved.status_code == 200, saved.text


def test_the_live_review_follows_the_score_and_results(page: Page, base_url, browser_problems):
    session_id = requests.post(f"{base_url}/api/sessions?mode=practice", json=WEAK, timeout=10).json()["id"]
    page.goto(f"/s/{session_id}/review")
    page.wait_for_function("() => window.reportCy !== undefined")
    direct = page.locator(".result[data-criterion=no_direct_db]")
    expect(direct).to_have_class("result status-fail")
    spof = page.locator(".result[data-criterion=spof]")
    spof.click()  # its evidence lit on the board: the choice survives each refresh
    before = page.locator("#score").inner_text()

    # The candidate takes out the arrow from the phone to MySQL: score and result follow, unasked.
    without = {**WEAK["board"], "edges": [e for e in WEAK["board"]["edges"] if e["data"]["id"] != "e3"]}
    _save_board(base_url, session_id, without)
    expect(direct).to_have_class("result status-pass", timeout=5_000)
    expect(page.locator("#score")).not_to_have_text(before)
    expect(spof.locator(".evidence-toggle")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => reportCy.$id('db').hasClass('evidence')") is True

    # And back: the arrow returns, the result fails again and points at it.
    _save_board(base_url, session_id, WEAK["board"])
    expect(direct).to_have_class("result status-fail", timeout=5_000)
    expect(page.locator("#score")).to_have_text(before)
    direct.click()
    assert page.evaluate("() => reportCy.$id('e3').hasClass('evidence')") is True
    assert not any(browser_problems.values()), browser_problems
