"""Zones (a region, an availability zone, a VPC, a subnet: a labelled area around boxes) and notes
on the whiteboard: drawn, made from the keyboard and the side editor, deleted without their boxes,
saved in the session format and shown on the report."""

from __future__ import annotations

import requests
from playwright.sync_api import Page, expect

from tests.browser.test_board_keyboard import add, open_board
from tests.browser.test_board_view import _session
from tests.browser.test_candidate_flow import node_point, wait_saved
from tests.formats.zoned_board import ZONED

# the exports' zoned board (nested zones, one listed before the zone it is in, an empty one) and a note
BOARD = {
    **ZONED,
    "notes": [{"data": {"id": "n1", "text": "Writes go to the primary"}, "position": {"x": -300, "y": 200}}],
}


def _drawn_from_the_keyboard(page: Page, *queries: str) -> str:
    """A new session's board with a box added through "/" for each query; the session's id."""
    session_id = open_board(page)
    page.locator("body").focus()
    for query in queries:
        add(page, query)
    return session_id


def _stored(store, session_id: str) -> dict:
    return store.get(session_id).board


def test_zones_and_notes_are_drawn_and_saved_back_as_they_were(page: Page, base_url, store, browser_problems):
    session_id = _session(base_url, BOARD)
    page.goto(f"/s/{session_id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    drawn = page.evaluate(
        """() => ({
          zones: cy.nodes('.zone').map(z => [z.id(), z.data('label'), z.children().map(c => c.id()).sort()]),
          note: cy.$id('n1').style('label'),
          boxes: cy.nodes('[kind]').map(n => n.id()).sort()
        })"""
    )
    assert drawn == {
        "zones": [["az", "AZ a", ["api", "db"]], ["r", "Europe", ["az"]], ["later", "", []]],
        "note": "Writes go to the primary",
        "boxes": ["api", "db", "web"],
    }
    # dragging the zone moves what it holds; the save keeps zones, notes and who is in which as they were
    before = page.evaluate("() => cy.$id('api').position()")
    page.evaluate(
        "() => { cy.$id('az').position({x: cy.$id('az').position('x') + 100, y: cy.$id('az').position('y')}); }"
    )
    page.evaluate("() => designerWhiteboard.changed('move')")
    wait_saved(page)
    stored = _stored(store, session_id)
    assert stored["zones"] == BOARD["zones"]
    assert stored["notes"] == BOARD["notes"]
    assert {n["data"]["id"]: n["data"].get("parent") for n in stored["nodes"]} == {
        "api": "az",
        "db": "az",
        "web": None,
    }
    assert next(n for n in stored["nodes"] if n["data"]["id"] == "api")["position"]["x"] == before["x"] + 100
    assert not any(browser_problems.values()), browser_problems


def test_a_zone_and_a_note_from_the_keyboard_and_a_zone_deleted_keeps_its_boxes(
    page: Page, store, browser_problems
):
    session_id = _drawn_from_the_keyboard(page, "client", "nginx")  # Nginx selected, an arrow from Client
    page.keyboard.press("/")
    page.keyboard.type("availability")
    expect(page.locator("#quick-add-options li").first).to_have_text(
        "Add a zone: Availability zone around Nginx"
    )
    page.keyboard.press("Enter")
    editor = page.locator("input.label-editor")
    expect(editor).to_be_focused()
    expect(editor).to_have_value("Availability zone")
    page.keyboard.type("AZ a")  # the name was selected: typing replaces it
    page.keyboard.press("Enter")
    expect(page.locator("#cy")).to_be_focused()
    expect(page.locator("#board-announce")).to_have_text("Renamed to AZ a.")
    page.keyboard.press("/")
    page.keyboard.type("note")
    page.keyboard.press("Enter")
    expect(editor).to_be_focused()
    page.keyboard.type("Nginx ends TLS")
    page.keyboard.press("Enter")
    wait_saved(page)
    stored = _stored(store, session_id)
    assert [(z["data"]["label"], z["data"]["kind"]) for z in stored["zones"]] == [
        ("AZ a", "availability_zone")
    ]
    zone_id = stored["zones"][0]["data"]["id"]
    assert {n["data"]["label"]: n["data"].get("parent") for n in stored["nodes"]} == {
        "Client": None,
        "Nginx": zone_id,
    }
    assert len(stored["edges"]) == 1  # the arrow into the box survived its move into the zone
    assert [n["data"]["text"] for n in stored["notes"]] == ["Nginx ends TLS"]
    assert not any(
        abs(n["position"]["x"] - b["position"]["x"]) < 130
        and abs(n["position"]["y"] - b["position"]["y"]) < 66
        for n in stored["notes"]
        for b in stored["nodes"]
    ), "the note was placed on a box"
    # the zone is found by its name, and deleting it keeps the box it held
    page.keyboard.press("/")
    page.keyboard.type("AZ")
    expect(page.locator("#quick-add-options li").first).to_have_text("Go to AZ a")
    page.keyboard.press("Enter")
    expect(page.locator("#board-announce")).to_have_text("Zone AZ a, around Nginx. Enter renames it.")
    page.keyboard.press("Delete")
    expect(page.locator("#board-announce")).to_have_text("Deleted 1 zone.")
    wait_saved(page)
    stored = _stored(store, session_id)
    assert stored.get("zones", []) == []
    assert {n["data"]["label"]: n["data"].get("parent") for n in stored["nodes"]} == {
        "Client": None,
        "Nginx": None,
    }
    assert len(stored["edges"]) == 1
    page.keyboard.press("Control+z")
    wait_saved(page)
    assert [z["data"]["label"] for z in _stored(store, session_id)["zones"]] == ["AZ a"]
    assert not any(browser_problems.values()), browser_problems


def test_a_note_left_empty_is_no_note(page: Page, store, browser_problems):
    session_id = _drawn_from_the_keyboard(page)
    page.keyboard.press("/")
    page.keyboard.type("note")
    page.keyboard.press("Enter")
    expect(page.locator("input.label-editor")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#board-announce")).to_have_text("No note added.")
    assert page.evaluate("() => cy.nodes('.note').length") == 0
    page.wait_for_function("() => designerAutosave.idle()")
    assert not _stored(store, session_id).get("notes")
    assert not any(browser_problems.values()), browser_problems


def test_the_side_editor_puts_a_box_in_a_zone_and_changes_the_zone(
    page: Page, base_url, store, browser_problems
):
    session_id = _session(base_url, BOARD)
    page.goto(f"/s/{session_id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    page.evaluate("() => cy.$id('web').select()")
    zone = page.locator("#inspector select[name=zone]")
    expect(zone).to_have_value("")
    assert zone.locator("option").all_text_contents() == ["None", "AZ a", "Europe", "VPC"]
    zone.select_option(label="AZ a")
    wait_saved(page)
    stored = _stored(store, session_id)
    assert next(n for n in stored["nodes"] if n["data"]["id"] == "web")["data"]["parent"] == "az"
    assert page.evaluate("() => cy.$id('web').parent().id()") == "az"
    assert len(stored["edges"]) == 1
    # a zone's name, kind and the zone it is in; never a zone inside itself
    page.evaluate("() => { cy.$(':selected').unselect(); cy.$id('r').select(); }")
    expect(page.locator("#inspector .for-zone")).to_be_visible()
    expect(page.locator("#inspector .for-node")).to_be_hidden()
    assert page.locator("#inspector select[name=zone_parent] option").all_text_contents() == ["None", "VPC"]
    page.locator("#inspector input[name=zone_label]").fill("eu-west-1")
    page.locator("#inspector select[name=zone_kind]").select_option("zone")
    wait_saved(page)
    region = next(z for z in _stored(store, session_id)["zones"] if z["data"]["id"] == "r")
    assert region["data"] == {"id": "r", "label": "eu-west-1", "kind": "zone"}
    assert not any(browser_problems.values()), browser_problems


def _drag_to(page: Page, node_id: str, x: float, y: float) -> None:
    """Drag a box with the mouse until its centre is at board point (x, y)."""
    start = node_point(page, node_id)
    board = page.locator("#cy").bounding_box()
    zoom, pan = page.evaluate("() => cy.zoom()"), page.evaluate("() => cy.pan()")
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.mouse.move(board["x"] + pan["x"] + x * zoom, board["y"] + pan["y"] + y * zoom, steps=12)
    page.mouse.up()


def _parents(store, session_id: str) -> dict:
    return {n["data"]["id"]: n["data"].get("parent") for n in _stored(store, session_id)["nodes"]}


def test_a_box_dragged_into_a_zone_goes_in_it_and_out_when_dragged_out(
    page: Page, base_url, store, browser_problems
):
    session_id = _session(base_url, BOARD)
    page.goto(f"/s/{session_id}?step=high_level")
    page.wait_for_function("() => window.designerWhiteboard !== undefined")
    announce = page.locator("#board-announce")
    page.get_by_role("button", name="Fit").click()  # the whole board in view, to drag within it
    # between the zone's two boxes: in the availability zone (the innermost), not only the region
    _drag_to(page, "web", 400, 220)
    expect(announce).to_have_text("Put Web in AZ a.")
    wait_saved(page)
    assert _parents(store, session_id) == {"api": "az", "db": "az", "web": "az"}
    assert page.evaluate("() => cy.$id('web').position()") == {"x": 400, "y": 220}
    # dragged well away from the zone's other boxes: out of it (Cytoscape grew the zone to follow)
    _drag_to(page, "db", 500, 420)
    expect(announce).to_have_text("Took DB out of AZ a.")
    wait_saved(page)
    assert _parents(store, session_id) == {"api": "az", "db": None, "web": "az"}
    # onto the empty VPC: in it; moved within its zone: it stays, and nothing else is said
    _drag_to(page, "db", 0, 600)
    expect(announce).to_have_text("Put DB in VPC.")
    _drag_to(page, "web", 400, 180)
    wait_saved(page)
    assert _parents(store, session_id) == {"api": "az", "db": "later", "web": "az"}
    expect(announce).to_have_text("Put DB in VPC.")
    # undo takes the last move back, zone and all
    page.locator("#cy").focus()
    page.keyboard.press("Control+z")
    page.keyboard.press("Control+z")
    wait_saved(page)
    assert _parents(store, session_id) == {"api": "az", "db": None, "web": "az"}
    assert not any(browser_problems.values()), browser_problems


def test_the_report_draws_the_zones(page: Page, base_url, browser_problems):
    session_id = _session(base_url, BOARD)
    requests.post(f"{base_url}/api/sessions/{session_id}/submit", json={}, timeout=10)
    page.goto(f"/s/{session_id}/report")
    page.wait_for_function("() => window.reportCy !== undefined")
    assert page.evaluate("() => reportCy.$id('az').children().map(c => c.id()).sort()") == ["api", "db"]
    assert page.evaluate("() => reportCy.nodes('.note').length") == 1
    assert not any(browser_problems.values()), browser_problems


def test_several_boxes_kept_with_space_get_a_zone_around_them_from_the_keyboard(
    page: Page, store, browser_problems
):
    session_id = _drawn_from_the_keyboard(page, "client", "nginx", "redis")  # Client → Nginx → Redis
    announce = page.locator("#board-announce")
    page.keyboard.press("ArrowLeft")  # Nginx
    page.keyboard.press("Space")
    expect(announce).to_have_text("Kept Nginx in the selection: Nginx. Arrow keys go on to another box.")
    page.keyboard.press("ArrowRight")  # Redis, with Nginx still selected
    expect(announce).to_have_text("2 boxes selected: Nginx, Redis. Slash then zone draws a zone around them.")
    page.keyboard.press("/")
    page.keyboard.type("vpc")
    expect(page.locator("#quick-add-options li").first).to_have_text("Add a zone: VPC around Nginx, Redis")
    page.keyboard.press("Enter")
    page.keyboard.type("Backend VPC")
    page.keyboard.press("Enter")
    wait_saved(page)
    stored = _stored(store, session_id)
    zone_id = stored["zones"][0]["data"]["id"]
    assert stored["zones"][0]["data"]["label"] == "Backend VPC"
    assert {n["data"]["label"]: n["data"].get("parent") for n in stored["nodes"]} == {
        "Client": None,
        "Nginx": zone_id,
        "Redis": zone_id,
    }
    board_list = page.locator(".board-list")
    expect(board_list.locator("summary")).to_have_text("Board as a list (3 components, 2 arrows, 1 zone)")
    expect(board_list.locator("li[data-id=redis]")).to_contain_text("(Cache, in Backend VPC)")
    # Esc lets the kept boxes go: the arrow keys select one box again
    page.keyboard.press("Escape")
    page.keyboard.press("ArrowLeft")
    assert len(page.evaluate("() => cy.$('node:selected').map(n => n.id())")) == 1
    page.keyboard.press("Control+a")
    expect(announce).to_have_text("All 3 boxes selected.")
    assert not any(browser_problems.values()), browser_problems
