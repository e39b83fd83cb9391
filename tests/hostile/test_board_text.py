"""Hostile box text: every check reads boxes whose labels and notes are long, repetitive lines in time
that grows with the text, not with its square. A 26 KB label of "replicas not replicas not …" took the
negation reading 17 s: each of its thousands of "replicas" looked back over the whole clause for a
cue. Timed against a tenth of the text in the same run, not against a wall clock (a slow host slows
both); as tests/hostile/test_panel_text.py does for the panels."""

import copy
import json
import time
from pathlib import Path

import pytest

from designer.board import said_pool, said_replicated
from designer.checks.base import SessionView
from designer.checks.registry import get_check
from designer.checks.text import affirms
from designer.rubric import load_rubric
from designer.session_format import MAX_TEXT_CHARS

ROOT = Path(__file__).resolve().parents[2]
STRONG = json.loads((ROOT / "rubrics/chat-app/strong.session.json").read_text())
CRITERIA = [(c.check, c.params) for _, c in load_rubric("chat-app").criteria() if c.check]
# each a word some check reads on a box, then a cue that negates it: every mention is read and refused
UNITS = ["replicas not ", "servers not ", "autoscaling no ", "cache without ", "x no ", "primary standby no "]


def _line(unit: str, chars: int, run: int) -> str:
    # Each run's text is its own (a run number first), so no cache of an earlier run's answers helps
    # it; "run1", not "1", which would say "1 servers" (one server) and end the reading at once.
    return (f"run{run} " + unit * (chars // len(unit) + 1))[:chars]


def _times(unit: str, chars: int, run: int) -> dict[str, float]:
    session = copy.deepcopy(STRONG)
    for node in session["board"]["nodes"]:
        node["data"]["label"] = node["data"]["label"] + " " + _line(unit, chars, run)
        node["data"]["notes"] = _line(unit, chars, run + 100)
    view = SessionView(session, prompt="Design a chat app like WhatsApp")
    times: dict[str, float] = {}
    for check_id, params in CRITERIA:
        check = get_check(check_id)
        started = time.perf_counter()
        list(check.run(view, check.params.model_validate(params)))
        times[check_id] = times.get(check_id, 0.0) + time.perf_counter() - started
    return times


@pytest.mark.parametrize("unit", UNITS)
def test_every_check_reads_long_hostile_box_text_in_time_that_grows_with_it(unit):
    small = min((_times(unit, 2_000, run) for run in range(2)), key=lambda t: sum(t.values()))
    large = _times(unit, 20_000, 2)
    slow = {
        check_id: f"{large[check_id]:.2f} s against {small[check_id]:.3f} s for a tenth"
        for check_id in large
        if large[check_id] > 30 * small[check_id] + 0.05
    }
    assert not slow, slow


def _seconds(read, text: str) -> float:
    started = time.perf_counter()
    read(text)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    ("read", "unit"),
    [
        (lambda text: affirms(text, ["replica"]), "replicas not "),
        (lambda text: affirms(text, ["real time"]), "real time is out of scope "),
        (lambda text: said_replicated({"label": text}), "replicas not "),
        (lambda text: said_pool({"label": text}), "servers not "),
    ],
)
def test_the_negation_reading_grows_with_the_text(read, unit):
    """The reading itself, on the longest text a box or a panel line holds, whose every mention is
    negated (so none ends the search early) within one clause (so no clause break bounds the look
    back)."""
    small = min(_seconds(read, _line(unit, MAX_TEXT_CHARS // 10, run)) for run in range(3))
    large = _seconds(read, _line(unit, MAX_TEXT_CHARS, 3))
    assert large < 30 * small + 0.05, f"{large:.2f} s against {small:.4f} s for a tenth"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # the clause cue reaches every mention after it, however far
        ("we do not need " + "replicas " * 50, "replica", None),
        ("replicas " * 50 + "we do not need replicas", "replica", "replica"),
        ("replicas " * 50 + "are not needed", "replica", "replica"),
        ("nothing here, " + "word " * 3 + "replicas", "replica", "replica"),
        ("no " + "word " * 2 + "replicas", "replica", None),
        ("no " + "word " * 3 + "replicas", "replica", "replica"),
        ("replicas word word word word no", "replica", "replica"),
        ("replicas word word word no", "replica", None),
    ],
)
def test_the_negation_reading_says_what_it_said_before(text, phrase, expected):
    """The cues' reach, unchanged by reading each clause once: a clause cue negates what follows it
    in its clause, a near cue the two words after it, a trailing cue the four words before it."""
    assert affirms(text, [phrase]) == expected
