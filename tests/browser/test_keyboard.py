"""The keyboard's way around the pages: skip links first, each to a place that takes focus, and the
next Tab inside it."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.test_candidate_flow import start_chat_session


def active(page: Page, expression: str):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def test_the_first_tab_offers_skip_links_to_the_board_the_panel_and_the_steps(page: Page, browser_problems):
    start_chat_session(page)
    page.locator("body").focus()
    page.keyboard.press("Tab")
    assert active(page, "el.textContent") == "Skip to the whiteboard"
    shown = page.locator(".skip-links a:focus").bounding_box()
    assert shown is not None and shown["x"] >= 0 and shown["y"] >= 0  # on screen once focused
    page.keyboard.press("Enter")
    assert active(page, "el.id") == "board-area"
    page.keyboard.press("Tab")
    assert active(page, "el.closest('#board-area') !== null && el.id !== 'board-area'")

    for label, target in [("Skip to the panel", "panel"), ("Skip to the steps", "rail")]:
        page.locator(".skip-links a", has_text=label).focus()
        page.keyboard.press("Enter")
        assert active(page, "el.id") == target
        page.keyboard.press("Tab")
        assert active(page, f"el.closest('#{target}') !== null && el.id !== '{target}'"), label
    assert browser_problems == {"external": [], "console": [], "pageerror": []}


def test_every_other_page_skips_to_its_content(page: Page, browser_problems):
    page.goto("/")
    page.locator("body").focus()
    page.keyboard.press("Tab")
    assert active(page, "el.textContent") == "Skip to the content"
    assert page.locator(".skip-links a").bounding_box()["x"] >= 0
    page.keyboard.press("Enter")
    assert active(page, "el.id") == "content"
    page.keyboard.press("Tab")
    assert active(page, "el.closest('main') !== null")  # past the top bar, into the page itself
    assert browser_problems == {"external": [], "console": [], "pageerror": []}


def test_a_step_chosen_from_the_keyboard_keeps_the_keyboard_on_it(page: Page, browser_problems):
    start_chat_session(page)
    page.locator("#rail li[data-step=estimates] button").focus()
    page.keyboard.press("Enter")
    page.locator("#panel.panel-estimates").wait_for()
    page.wait_for_function("() => document.activeElement.closest('li[data-step=estimates]') !== null")
    assert active(page, "el.getAttribute('aria-current')") == "step"  # the new rail's button
    page.keyboard.press("Tab")  # and Tab goes on down the rail
    assert active(page, "el.closest('li') && el.closest('li').dataset.step") == "api"
    assert browser_problems == {"external": [], "console": [], "pageerror": []}
