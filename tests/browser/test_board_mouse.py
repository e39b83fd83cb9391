"""The whiteboard with the mouse takes no more actions than a drawing tool.

In Excalidraw (as in draw.io), a labelled box is two mouse actions — pick the shape tool, drag the
shape out — and typing its label; an arrow is two — pick the arrow tool, drag from box to box.
Here a box is a click on the palette (it lands on a free spot) and a double click to type its label
on it; an arrow is one drag from the handle on the box's edge. The test draws a client, a load
balancer and a service joined by two arrows with the mouse alone and counts what it took.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_board_keyboard import open_board
from tests.browser.test_candidate_flow import node_point, wait_saved

# Mouse actions in a drawing tool: per labelled box (tool, drag) and per arrow (tool, drag).
DRAWING_TOOL_BOX, DRAWING_TOOL_ARROW = 2, 2

COUNT_ACTIONS = """() => {
  window.mouseActions = 0;
  // a press starts a click, a drag or a double click (whose second press has detail 2)
  document.addEventListener("mousedown", (e) => { if (e.detail <= 1) window.mouseActions++; }, true);
}"""


def _box(page: Page, kind: str, label: str) -> str:
    before = page.evaluate("() => cy.nodes('[kind]').map(n => n.id())")
    page.locator(f".palette-item[data-kind={kind}]").click()
    page.wait_for_function(f"() => cy.nodes('[kind]').length === {len(before) + 1}")
    node_id = page.evaluate(f"() => cy.nodes('[kind]').filter(n => !{before}.includes(n.id()))[0].id()")
    point = node_point(page, node_id)
    page.mouse.dblclick(point["x"], point["y"])
    expect(page.locator("input.label-editor")).to_be_focused()
    page.keyboard.type(label)
    page.keyboard.press("Enter")
    return node_id


def _arrow(page: Page, source: str, target: str) -> None:
    edges = page.evaluate("() => cy.edges().length")
    page.mouse.move(**node_point(page, source))
    page.wait_for_function("() => cy.$id('arrow-handle').length === 1")
    handle, goal = node_point(page, "arrow-handle"), node_point(page, target)
    page.mouse.move(handle["x"], handle["y"])
    page.mouse.down()
    page.mouse.move(goal["x"], goal["y"], steps=15)
    page.wait_for_timeout(300)  # edgehandles' hover delay on the target
    page.mouse.up()
    page.wait_for_function(f"() => cy.edges().length === {edges + 1}")


def test_a_small_design_with_the_mouse_takes_fewer_actions_than_in_a_drawing_tool(
    page: Page, store, browser_problems
):
    session_id = open_board(page)
    page.evaluate(COUNT_ACTIONS)
    client = _box(page, "client", "Mobile app")
    balancer = _box(page, "load_balancer", "LB")
    service = _box(page, "service", "Chat service")
    _arrow(page, client, balancer)
    _arrow(page, balancer, service)
    wait_saved(page)
    board = store.get(session_id).board
    labels = {n["data"]["id"]: n["data"]["label"] for n in board["nodes"]}
    assert sorted(labels.values()) == ["Chat service", "LB", "Mobile app"]
    assert sorted((labels[e["data"]["source"]], labels[e["data"]["target"]]) for e in board["edges"]) == [
        ("LB", "Chat service"),
        ("Mobile app", "LB"),
    ]
    actions = page.evaluate("() => window.mouseActions")
    assert actions == 3 * 2 + 2 * 1  # a click and a double click a box, a drag an arrow
    assert actions < 3 * DRAWING_TOOL_BOX + 2 * DRAWING_TOOL_ARROW
    assert not any(browser_problems.values()), browser_problems
