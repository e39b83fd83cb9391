"""Hostile panel text: every check reads a panel of long, repetitive lines in time that grows with the
text, not with its square. A 20 KB alert of "1 1 1 …" took one regular expression 30 s: it tried
``.*\\d`` from each of 10,000 places. Timed against a tenth of the text in the same run, not against a
wall clock (a slow host slows both)."""

import copy
import json
import time
from pathlib import Path

import pytest

from designer.checks.base import SessionView
from designer.checks.registry import get_check
from designer.rubric import load_rubric

ROOT = Path(__file__).resolve().parents[2]
STRONG = json.loads((ROOT / "rubrics/chat-app/strong.session.json").read_text())
CRITERIA = [(c.check, c.params) for _, c in load_rubric("chat-app").criteria() if c.check] + [
    ("wrap_up.alerts_with_thresholds", {}),
    ("scale.tradeoffs_stated", {}),
]


def _filled(value, line: str):
    """The panels' shape with every text ``line`` and every list three of them."""
    if isinstance(value, str):
        return line
    if isinstance(value, list):
        return [_filled(value[0], line)] * 3 if value else value
    if isinstance(value, dict):
        return {k: _filled(v, line) for k, v in value.items()}
    return value


def _times(unit: str, chars: int, run: int) -> dict[str, float]:
    # Each run's text is its own (a run number first), so no cache of an earlier run's answers helps it.
    session = copy.deepcopy(STRONG)
    session["panels"] = _filled(session["panels"], (f"{run} " + unit * (chars // len(unit) + 1))[:chars])
    view = SessionView(session, prompt="Design a chat app like WhatsApp")
    times: dict[str, float] = {}
    for check_id, params in CRITERIA:
        check = get_check(check_id)
        started = time.perf_counter()
        list(check.run(view, check.params.model_validate(params)))
        times[check_id] = times.get(check_id, 0.0) + time.perf_counter() - started
    return times


@pytest.mark.parametrize(
    "unit", [">", "1 ", "1,", "no ", "a;", "1.", "for 1 ", "slo 1", "real time not ", "cache without "]
)
def test_every_check_reads_long_hostile_lines_in_time_that_grows_with_them(unit):
    small = min((_times(unit, 2_000, run) for run in range(2)), key=lambda t: sum(t.values()))
    large = _times(unit, 20_000, 2)
    slow = {
        check_id: f"{large[check_id]:.2f} s against {small[check_id]:.3f} s for a tenth"
        for check_id in large
        if large[check_id] > 30 * small[check_id] + 0.05
    }
    assert not slow, slow
