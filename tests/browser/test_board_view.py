"""What the board shows when it is opened, not asked to zoom: legible labels on a big board, a sane
size for a single box, and the whole board when the user asks for it (Fit)."""

from __future__ import annotations

import requests
from playwright.sync_api import Page


def _session(base_url: str, board: dict) -> str:
    """A new chat-app session with `board` saved through the API; its id."""
    created = requests.post(f"{base_url}/api/sessions", json={"problem": "chat-app"}, timeout=10).json()
    saved = requests.put(
        f"{base_url}/api/sessions/{created['id']}/board",
        json=board,
        headers={"If-Match": str(created["revision"])},
        timeout=10,
    )
    assert saved.status_code == 200, saved.text
    return created["id"]


def _grid(boxes: int) -> dict:
    """A board of `boxes` services, ten to a row."""
    nodes = [
        {
            "data": {"id": f"b{i}", "kind": "service", "label": f"Box {i}"},
            "position": {"x": (i % 10) * 170, "y": (i // 10) * 110},
        }
        for i in range(boxes)
    ]
    return {"nodes": nodes, "edges": []}


def _in_view(page: Page, cy: str, node_id: str) -> bool:
    return page.evaluate(
        f"""() => {{ const b = {cy}.$id('{node_id}').renderedBoundingBox();
                    return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= {cy}.width() && b.y2 <= {cy}.height(); }}"""
    )


def test_a_big_board_opens_legible_at_its_top_left_and_fit_shows_it_whole(
    page: Page, base_url, browser_problems
):
    session_id = _session(base_url, _grid(60))
    page.goto(f"/s/{session_id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    assert page.evaluate("() => cy.zoom()") == 0.75  # fitted whole it would be smaller: 9 px labels at least
    assert _in_view(page, "cy", "b0")
    assert not _in_view(page, "cy", "b59")
    page.locator('.toolbar [data-action="fit"]').click()
    assert page.evaluate("() => cy.zoom()") < 0.75
    assert _in_view(page, "cy", "b0") and _in_view(page, "cy", "b59")
    assert not any(browser_problems.values()), browser_problems


def test_a_single_box_is_not_blown_up_on_the_board_or_the_report(page: Page, base_url, browser_problems):
    session_id = _session(base_url, _grid(1))
    page.goto(f"/s/{session_id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    assert page.evaluate("() => cy.zoom()") == 1.5
    assert _in_view(page, "cy", "b0")
    requests.post(f"{base_url}/api/sessions/{session_id}/submit", json={}, timeout=10)
    page.goto(f"/s/{session_id}/report")
    page.wait_for_function("() => window.reportCy !== undefined")
    assert page.evaluate("() => reportCy.zoom()") == 1.5
    assert _in_view(page, "reportCy", "b0")
    assert not any(browser_problems.values()), browser_problems


def test_what_a_board_has_beside_boxes_and_arrows_survives_a_canvas_edit(page: Page, base_url, store):
    """A key the canvas does not draw (written by a newer version or another tool) is saved back as
    it was, through an edit and an undo."""
    extra = [{"id": "eu", "label": "eu-west-1", "members": []}]
    session_id = _session(base_url, {"nodes": [], "edges": [], "regions": extra})
    page.goto(f"/s/{session_id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    page.locator(".palette-item[data-kind=client]").click()
    page.wait_for_function("() => designerAutosave.idle()")
    board = store.get(session_id).board
    assert [n["data"]["kind"] for n in board["nodes"]] == ["client"]
    assert board["regions"] == extra
    page.locator('.toolbar [data-action="undo"]').click()
    page.wait_for_function("() => designerAutosave.idle() && cy.nodes('[kind]').length === 0")
    page.wait_for_function("() => document.getElementById('save-status').textContent === 'Saved'")
    board = store.get(session_id).board
    assert board["nodes"] == [] and board["regions"] == extra


def test_a_board_with_zones_opens_edits_and_saves_them_back(page: Page, base_url, store, browser_problems):
    """Zones are not drawn yet; a board that has them (a draw.io import) opens without an error,
    shows its boxes, and a canvas edit keeps the zones and which box is in which."""
    board = {
        "nodes": [
            {
                "data": {"id": "api", "kind": "service", "label": "API", "parent": "az"},
                "position": {"x": 0, "y": 0},
            }
        ],
        "edges": [],
        "zones": [{"data": {"id": "az", "label": "AZ a", "kind": "availability_zone"}}],
    }
    session_id = _session(base_url, board)
    page.goto(f"/s/{session_id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    assert page.evaluate("() => cy.nodes('[kind]').map(n => n.data('label'))") == ["API"]
    page.locator(".palette-item[data-kind=cache]").click()
    page.wait_for_function("() => designerAutosave.idle()")
    page.wait_for_function("() => document.getElementById('save-status').textContent === 'Saved'")
    stored = store.get(session_id).board
    assert stored["zones"] == board["zones"]
    assert {n["data"]["label"]: n["data"].get("parent") for n in stored["nodes"]} == {
        "API": "az",
        "Cache": None,
    }
    assert not any(browser_problems.values()), browser_problems
