"""Chaos: seeded random sequences of a candidate's actions on a slow, lossy network with a server that
restarts, and nothing the candidate did may be lost (tests/browser/chaos.py says how)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.chaos import Sequence

# A few fixed seeds (about two and a half minutes) that between them close the tab, open a second
# one that types at the same time, reload, restart the server, drop writes and remove rows;
# benchmarks/chaos.py runs hundreds.
SEEDS = [2, 5, 6, 7, 8]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_sequence_loses_nothing(page: Page, live_server, store, seed):
    page.goto("/")
    card = page.locator("#problem-chat-app")
    card.get_by_role("button", name="Start").click()
    page.wait_for_url("**/s/*")
    session_id = page.url.rsplit("/", 1)[1].split("?")[0]
    sequence = Sequence(page, live_server, seed, actions=25)
    try:
        try:
            sequence.run(page.url)
        except Exception as exc:  # what it did, and where the page stood, printed with the failure
            raise AssertionError(f"{sequence.describe()}\n{sequence.state()}") from exc
        problems = sequence.lost(store, session_id)
    finally:
        live_server.latency.clear()
        if live_server.server is None:
            live_server.start()
    assert problems == [], sequence.describe()
