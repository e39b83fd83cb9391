"""The capacity view in a real Chromium: boxes coloured by their load at the candidate's own peak,
a failure drill, and the view following the candidate's saves — with nothing of it saved."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

CHAT = Path(__file__).resolve().parents[1] / "data" / "sessions" / "chat-app-strong.session.json"


def view_settled(page: Page) -> None:
    """Wait until the capacity view swapped in has settled: a change made to a form htmx has not
    yet taken up is not sent (a window of milliseconds, found under load in the full suite)."""
    page.wait_for_function(
        "() => !document.querySelector('#capacity.htmx-request, #capacity.htmx-swapping, #capacity.htmx-settling,"
        " #capacity-controls.htmx-request')"
    )


def open_chat_answer(page: Page) -> str:
    """Continue from the seed's chat-app answer, as a candidate would from the home page."""
    page.goto("/")
    page.locator("section.import input[type=file]").set_input_files(str(CHAT))
    page.locator("section.import").get_by_role("button", name="Import").click()
    page.wait_for_url("**/s/*")
    page.wait_for_function("() => window.designerWhiteboard !== undefined && cy.nodes().length === 13")
    return page.url.rsplit("/", 1)[1].split("?")[0]


def test_capacity_colours_the_board_drills_a_failure_and_follows_a_save(page: Page, store, browser_problems):
    session_id = open_chat_answer(page)
    before = store.get(session_id).revision
    button = page.locator('.toolbar [data-action="capacity"]')
    expect(button).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("c")  # from the keyboard, as the button's title says
    expect(button).to_have_attribute("aria-pressed", "true")
    bottleneck = page.locator("#capacity .capacity-bottleneck")
    expect(bottleneck).to_contain_text("Bottleneck: Fan-out workers")
    page.wait_for_function(
        "() => cy.$id('fanout').hasClass('cap-over') && cy.$id('fanout').hasClass('cap-bottleneck')"
    )
    assert page.evaluate("() => cy.$id('fanout').style('label')") == "Fan-out workers\n579%"
    assert page.evaluate("() => cy.$id('msgdb').hasClass('cap-hot') && cy.$id('lb').hasClass('cap-ok')")
    expect(page.locator('#capacity tr[data-box="fanout"] td').nth(2)).to_have_text("579%")

    # Fail the message store: the arrows it takes down turn red, and the keyboard stays on the list.
    view_settled(page)
    page.locator("#capacity-controls select[name=fail]").select_option("msgdb")
    expect(page.locator("#capacity .capacity-drill")).to_contain_text("Cassandra: messages fails: it breaks.")
    page.wait_for_function("() => ['e6', 'e7', 'e8', 'e10'].every(id => cy.$id(id).hasClass('cap-broken'))")
    assert page.evaluate("() => cy.$('.cap-broken').map(e => e.id()).sort()") == ["e10", "e6", "e7", "e8"]
    assert page.evaluate("() => document.activeElement.name") == "fail"

    # "Fail the box I click": a click on the chat servers fails them instead.
    with page.expect_response(lambda r: "/capacity?" in r.url and "pick=1" in r.url):
        page.locator("#capacity-controls input[name=pick]").check()
    page.wait_for_function(
        "() => document.querySelector('#capacity-controls input[name=pick]').checked"
        " && !document.querySelector('#capacity-controls.htmx-request, #capacity.htmx-swapping')"
    )
    box = page.locator("#cy").bounding_box()
    at = page.evaluate("() => cy.$id('chat').renderedPosition()")
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    expect(page.locator("#capacity .capacity-drill")).to_contain_text("Chat servers fails: it breaks.")
    view_settled(page)
    page.locator("#capacity-controls select[name=fail]").select_option("msgdb")
    expect(page.locator("#capacity .capacity-drill")).to_contain_text("Cassandra: messages fails: it breaks.")

    # Forty fan-out workers, saved from the inspector: the view follows the save, the drill kept.
    page.evaluate("() => { cy.$(':selected').unselect(); cy.$id('fanout').select(); }")
    page.locator("#inspector input[name=replicas]").fill("40")
    expect(bottleneck).to_contain_text("Bottleneck: Push service", timeout=10_000)
    expect(page.locator("#capacity .capacity-drill")).to_contain_text("Cassandra: messages fails: it breaks.")
    page.wait_for_function(
        "() => !cy.$id('fanout').hasClass('cap-over') && cy.$id('push').hasClass('cap-bottleneck')"
    )

    # Off again: no colour left, and nothing of the view was ever saved with the board.
    button.click()
    expect(page.locator("#capacity")).to_be_hidden()
    assert page.evaluate("() => cy.$('.cap, .cap-broken').length") == 0
    expect(page.locator("#save-status")).to_have_text("Saved")
    board = store.get(session_id).board
    assert store.get(session_id).revision == before + 1  # the replicas, and nothing else
    fanout = next(n for n in board["nodes"] if n["data"]["id"] == "fanout")
    assert fanout["data"]["replicas"] == 40 and set(fanout) == {"data", "position"}
    assert not any("capacity" in json.dumps(n["data"]) for n in board["nodes"])
    assert browser_problems == {"external": [], "console": [], "pageerror": []}
