"""Hostile box text: every check reads boxes whose labels and notes are long, repetitive lines in time
that grows with the text, not with its square. A 26 KB label of "replicas not replicas not …" took the
negation reading 17 s: each of its thousands of "replicas" looked back over the whole clause for a
cue. Timed against a tenth of the text in the same run, not against a wall clock (a slow host slows
both); as tests/hostile/test_panel_text.py does for the panels."""

import copy
import time

import pytest

from designer.board import said_pool, said_replicated
from designer.checks.text import affirms
from designer.rubric import load_rubric
from designer.session_format import MAX_TEXT_CHARS
from tests.hostile.check_timing import STRONG, line, slower_than_the_text

CRITERIA = [(c.check, c.params) for _, c in load_rubric("chat-app").criteria() if c.check]
# each a word some check reads on a box, then a cue that negates it: every mention is read and refused
UNITS = ["replicas not ", "servers not ", "autoscaling no ", "cache without ", "x no ", "primary standby no "]


def _session(unit: str, chars: int, run: int) -> dict:
    session = copy.deepcopy(STRONG)
    for node in session["board"]["nodes"]:
        node["data"]["label"] = node["data"]["label"] + " " + line(unit, chars, run)
        node["data"]["notes"] = line(unit, chars, run + 100)
    return session


@pytest.mark.parametrize("unit", UNITS)
def test_every_check_reads_long_hostile_box_text_in_time_that_grows_with_it(unit):
    slow = slower_than_the_text(lambda chars, run: _session(unit, chars, run), CRITERIA)
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
    small = min(_seconds(read, line(unit, MAX_TEXT_CHARS // 10, run)) for run in range(3))
    large = _seconds(read, line(unit, MAX_TEXT_CHARS, 3))
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
