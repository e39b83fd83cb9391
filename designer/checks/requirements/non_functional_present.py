"""Require non-functional requirements.

What it checks
    The panel field ``requirements.non_functional`` has at least ``min`` non-blank entries.

Why it matters
    Scale, latency, availability and consistency drive every later choice; forgetting them is a common mistake.

Example
    "p99 delivery < 200 ms" and "99.99% availability" pass with min 2.

Params
    ``min`` (default 2).

Known limits
    Entries are counted, not judged: their quality is the interviewer's call.
"""

from __future__ import annotations

from pydantic import Field

from designer.checks.base import COUNT_MESSAGES, Check, MinCount, SessionView, count_entries


class Params(MinCount):
    min: int = Field(default=2, ge=1)


def run(view: SessionView, params: Params):
    yield from count_entries(view, "requirements.non_functional", params.min, "non-functional requirements")


CHECK = Check(
    id="requirements.non_functional_present",
    summary="Require non-functional requirements",
    messages=COUNT_MESSAGES,
    run=run,
    params=Params,
    points=1,
    serves="Common mistakes: no non-functional requirements",
    doc=__doc__,
)
