"""The pages at three widths (a phone, a tablet, a laptop): nothing off-screen, no sideways scroll,
the top bar's controls side by side without overlapping, and the workspace's board and panel
sharing the width as the candidate left it. Screenshots go to test-results/layout/ for a look."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SESSION = Path(__file__).parents[1] / "data" / "sessions" / "chat-app-strong.session.json"
SHOTS = Path(__file__).parents[2] / "test-results" / "layout"
PASSWORD = "admin password for the layout"

# Whether the page scrolls sideways, and the top bar's controls that are off-screen or overlap.
LAYOUT_FACTS = """() => {
  const width = document.documentElement.clientWidth;
  const controls = [...document.querySelectorAll('.topbar a, .topbar button, .topbar summary, .topbar .save-status, .topbar .clock')]
    .filter(el => el.offsetParent !== null && !el.closest('details:not([open]) > :not(summary)'));
  const boxes = controls.map(el => ({name: (el.textContent || '').trim().slice(0, 30), r: el.getBoundingClientRect()}));
  const off = boxes.filter(b => b.r.left < 0 || b.r.right > width + 0.5).map(b => b.name);
  const overlap = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlap.push(boxes[i].name + ' / ' + boxes[j].name);
  }
  return {scrollsSideways: document.documentElement.scrollWidth > width + 1, off, overlap};
}"""


def _check(page: Page, name: str, width: int) -> None:
    page.wait_for_timeout(100)  # a layout after the scripts ran
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    facts = page.evaluate(LAYOUT_FACTS)
    assert facts == {"scrollsSideways": False, "off": [], "overlap": []}, (name, width, facts)


@pytest.mark.parametrize("width", [400, 768, 1440])
def test_workspace_report_and_review_fit_each_width(page: Page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    app = live_server.app
    email = f"layout-{uuid.uuid4().hex[:6]}@example.com"
    app.extensions["designer.accounts"].add(email, PASSWORD, "admin", "Ada Admin")
    row = app.extensions["designer.store"].import_file(json.loads(SESSION.read_text()), mode="practice")
    page.goto("/")
    _check(page, "home", width)
    page.goto(f"/s/{row.id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    _check(page, "workspace-high_level", width)
    board = page.locator("#cy").bounding_box()
    assert board is not None and board["width"] >= min(width - 40, 360), board
    if width < 1100:  # one column: the board comes soon after the top bar, not after the steps
        assert board["y"] < 900, board
    page.goto(f"/s/{row.id}?step=estimates")
    _check(page, "workspace-estimates", width)
    formula = page.locator("input[name='-0-expr']").bounding_box()
    assert formula is not None and formula["width"] >= 150, formula  # room for a real formula
    page.goto(f"/s/{row.id}/report")
    _check(page, "report", width)
    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(f"/s/{row.id}/review")
    _check(page, "review", width)


def test_the_split_between_board_and_panel_is_kept_and_the_panel_can_hide(page: Page, live_server):
    page.set_viewport_size({"width": 1440, "height": 900})
    row = live_server.app.extensions["designer.store"].import_file(
        json.loads(SESSION.read_text()), mode="practice"
    )
    page.goto(f"/s/{row.id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    panel, board = page.locator("#panel"), page.locator("#cy")
    design_width = panel.bounding_box()["width"]
    page.goto(f"/s/{row.id}?step=requirements")  # a step of text: the panel takes more room
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    assert panel.bounding_box()["width"] > design_width + 150

    splitter = page.locator("#splitter")
    splitter.focus()
    before = panel.bounding_box()["width"]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert panel.bounding_box()["width"] == pytest.approx(before - 48, abs=2)
    grip = splitter.bounding_box()
    page.mouse.move(grip["x"] + 4, 450)
    page.mouse.down()
    page.mouse.move(900, 450, steps=4)
    page.mouse.up()
    dragged = panel.bounding_box()["width"]
    assert dragged == pytest.approx(1440 - 12 - 900 - 5, abs=6)
    page.reload()
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    assert panel.bounding_box()["width"] == pytest.approx(dragged, abs=2)  # kept in this browser

    wide = board.bounding_box()["width"]
    page.locator(".panel-toggle").click()
    expect(panel).to_be_hidden()
    expect(page.locator(".panel-toggle")).to_have_attribute("aria-expanded", "false")
    page.wait_for_function(f"() => cy.width() > {wide + 300}")  # the canvas follows its new size
    page.locator("body").focus()
    page.keyboard.press("Tab")  # the skip links: the panel's shows the panel
    page.locator(".skip-links a", has_text="Skip to the panel").focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_visible()
