"""Feedback a person can act on: every result that loses points says what to change."""

from __future__ import annotations

import copy
import re

import pytest

from designer.grading import grade
from tests.metamorphic import SESSIONS, load

# An instruction: a verb in the imperative after a colon, dash, semicolon or full stop (or opening
# the message) — "…: add one", "… Put a service between…", "…; write at least 2".
ADVICE = re.compile(
    r"(?:^|[:;.—]\s+|, (?:or|so)\s+)(add|write|name|draw|put|say|ask|check|move|refine|work|fill|connect|remove|drop|list|explain|"
    r"version|page|start|clarify|sum|go|show|revisit|fix|use|give|split|replace|label|make|index|"
    r"state|record|pick|choose|shard|replicate|scale|cache)\b",
    re.IGNORECASE,
)


def _emptied(session: dict) -> dict:
    """The same session with every panel and the board left empty: each omission's message."""
    empty = copy.deepcopy(session)
    empty["board"] = {"nodes": [], "edges": []}
    empty["panels"] = {}
    return empty


@pytest.mark.parametrize("name", SESSIONS)
def test_every_lost_point_says_what_to_change(name):
    session, rubric = load(name)
    silent = []
    for answer in (session, _emptied(session)):
        for result in grade(answer, rubric)["results"]:
            if result["status"] in {"fail", "partial"} and not ADVICE.search(result["message"]):
                silent.append(f"{result['criterion']} ({result['check']}): {result['message']}")
    assert silent == [], "\n".join(silent)
