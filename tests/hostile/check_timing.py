"""Timing every check of a rubric on a session filled with hostile text, against a tenth of the text
in the same run, not against a wall clock (a slow host slows both): what grows with the square of
the text shows as a ratio near 100, what grows with it near 10."""

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from designer.checks.base import SessionView
from designer.checks.registry import get_check

ROOT = Path(__file__).resolve().parents[2]
STRONG = json.loads((ROOT / "rubrics/chat-app/strong.session.json").read_text())
PROMPT = "Design a chat app like WhatsApp"


def line(unit: str, chars: int, run: int) -> str:
    """``unit`` repeated to ``chars`` characters. Each run's text is its own (a run number first), so
    no cache of an earlier run's answers helps it; "run1", not "1", which would say "1 servers" (one
    server) and end a reading at once."""
    return (f"run{run} " + unit * (chars // len(unit) + 1))[:chars]


def check_times(session: dict[str, Any], criteria: list[tuple[str, Any]]) -> dict[str, float]:
    """Each check's seconds on ``session``."""
    view = SessionView(session, prompt=PROMPT)
    times: dict[str, float] = {}
    for check_id, params in criteria:
        check = get_check(check_id)
        started = time.perf_counter()
        list(check.run(view, check.params.model_validate(params)))
        times[check_id] = times.get(check_id, 0.0) + time.perf_counter() - started
    return times


def slower_than_the_text(
    session_of: Callable[[int, int], dict[str, Any]], criteria: list[tuple[str, Any]]
) -> dict[str, str]:
    """The checks that took more than 30 times as long on ``session_of(20_000, run)`` as on
    ``session_of(2_000, run)`` (the text's characters, a run number), the quicker of two such runs."""
    small = min(
        (check_times(session_of(2_000, run), criteria) for run in range(2)), key=lambda t: sum(t.values())
    )
    large = check_times(session_of(20_000, 2), criteria)
    return {
        check_id: f"{large[check_id]:.2f} s against {small[check_id]:.3f} s for a tenth"
        for check_id in large
        if large[check_id] > 30 * small[check_id] + 0.05
    }
