"""An accessibility audit of every page with axe-core (vendored in tests/browser/vendor, injected by the
test, never served by the app): no serious or critical violation anywhere — home, sign-in, the
workspace at each of the eight steps, revisions, report, review (with its replay), a submitted
session's read-only workspace, sessions, interviews, rubrics and the rubric editor, a regrade, and the
admin's accounts."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from designer.framework import STEP_IDS

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js").read_text()
SESSION = Path(__file__).parents[1] / "data" / "sessions" / "chat-app-strong.session.json"
PASSWORD = "admin password for the audit"
BLOCKING = ("serious", "critical")


def violations(page: Page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it stands, each with where it is."""
    page.add_script_tag(content=AXE)  # the context bypasses the app's CSP for this alone
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
             id: v.id, impact: v.impact, help: v.help,
             where: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + n.failureSummary)}))"""
    )
    return [v for v in found if v["impact"] in BLOCKING]


@pytest.fixture
def audit(browser: Browser, base_url):
    """A fresh browser context that lets the test inject axe-core; returns (page, check(name))."""
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    page = context.new_page()
    seen: dict[str, list[dict]] = {}

    def check(name: str) -> None:
        page.wait_for_load_state("networkidle")
        seen[name] = violations(page)

    yield page, check, seen
    context.close()


def report(seen: dict[str, list[dict]]) -> str:
    return json.dumps({name: found for name, found in seen.items() if found}, indent=1)[:6000]


def test_a_candidate_s_pages_have_no_serious_or_critical_violations(audit, live_server):
    page, check, seen = audit
    page.goto("/")
    check("home")
    page.goto("/login")
    check("sign-in")
    page.goto("/")
    card = page.locator("#problem-chat-app")
    card.get_by_role("button", name="Start").click()
    page.wait_for_url("**/s/*")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    session_id = page.url.rsplit("/", 1)[1].split("?")[0]
    for step in STEP_IDS:
        page.locator(f"#rail li[data-step={step}] button").click()
        page.locator(f"#panel.panel-{step}").wait_for()
        check(f"workspace: {step}")
    page.goto(f"/s/{session_id}/revisions")
    check("revisions")
    page.goto(f"/s/{session_id}/report")
    check("report")
    assert len(seen) == 4 + len(STEP_IDS)
    assert not any(seen.values()), report(seen)


def test_the_staff_pages_have_no_serious_or_critical_violations(audit, live_server):
    page, check, seen = audit
    app = live_server.app
    email = f"audit-{uuid.uuid4().hex[:6]}@example.com"
    app.extensions["designer.accounts"].add(email, PASSWORD, "admin", "Ada Admin")
    store = app.extensions["designer.store"]
    row = store.import_file(json.loads(SESSION.read_text()), mode="interview")
    store.submit(row.id)

    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    for name, path in [
        ("sessions", "/sessions"),
        ("review", f"/s/{row.id}/review"),
        ("workspace, read-only", f"/s/{row.id}"),
        ("interviews", "/interviews"),
        ("rubrics", "/rubrics"),
        ("rubric editor", "/rubrics/chat-app"),
        ("regrade", "/rubrics/chat-app/regrade"),
        ("accounts", "/admin/users"),
    ]:
        response = page.goto(path)
        assert response is not None and response.ok, (name, path, response and response.status)
        check(name)
    assert not any(seen.values()), report(seen)
