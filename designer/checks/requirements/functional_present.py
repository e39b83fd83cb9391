"""Require functional requirements.

What it checks
    The panel field ``requirements.functional`` has at least ``min`` non-blank entries.

Why it matters
    What the system must do: a design without them has nothing to be judged against.

Example
    The candidate writes "Send a 1:1 message", "See online status", "Read history"; with min 3 that passes.

Params
    ``min`` (default 3).

Known limits
    Entries are counted, not judged: their quality is the interviewer's call.
"""

from __future__ import annotations

from pydantic import Field

from designer.checks.base import COUNT_MESSAGES, Check, MinCount, SessionView, count_entries


class Params(MinCount):
    min: int = Field(default=3, ge=1)


def run(view: SessionView, params: Params):
    yield from count_entries(view, "requirements.functional", params.min, "functional requirements")


CHECK = Check(
    id="requirements.functional_present",
    summary="Require functional requirements",
    messages=COUNT_MESSAGES,
    run=run,
    params=Params,
    points=1,
    serves="Clarify requirements: functional requirements",
    doc=__doc__,
)
