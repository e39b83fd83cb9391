"""Hostile panel text: every check reads a panel of long, repetitive lines in time that grows with the
text, not with its square. A 20 KB alert of "1 1 1 …" took one regular expression 30 s: it tried
``.*\\d`` from each of 10,000 places. Timed against a tenth of the text in the same run, not against a
wall clock (a slow host slows both)."""

import copy

import pytest

from designer.rubric import load_rubric
from tests.hostile.check_timing import STRONG, line, slower_than_the_text

CRITERIA = [(c.check, c.params) for _, c in load_rubric("chat-app").criteria() if c.check] + [
    ("wrap_up.alerts_with_thresholds", {}),
    ("scale.tradeoffs_stated", {}),
]


def _filled(value, text: str):
    """The panels' shape with every text ``text`` and every list three of them."""
    if isinstance(value, str):
        return text
    if isinstance(value, list):
        return [_filled(value[0], text)] * 3 if value else value
    if isinstance(value, dict):
        return {k: _filled(v, text) for k, v in value.items()}
    return value


def _session(unit: str, chars: int, run: int) -> dict:
    session = copy.deepcopy(STRONG)
    session["panels"] = _filled(session["panels"], line(unit, chars, run))
    return session


@pytest.mark.parametrize(
    "unit",
    [
        ">",
        "1 ",
        "1,",
        "no ",
        "a;",
        "1.",
        "for 1 ",
        "slo 1",
        "real time not ",
        "cache without ",
        "one hundred and ",
        "twenty-one thousand ",
        "1 and a half a couple of ",
    ],
)
def test_every_check_reads_long_hostile_lines_in_time_that_grows_with_them(unit):
    slow = slower_than_the_text(lambda chars, run: _session(unit, chars, run), CRITERIA)
    assert not slow, slow
