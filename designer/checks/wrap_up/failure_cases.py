"""Require failure cases and what happens in each.

What it checks
    At least ``min`` failure cases are written in the wrap-up panel.

Why it matters
    "Only the happy path" is a common mistake; naming what fails and how the system recovers is
    what the interviewer probes last (framework: monitor and wrap up).

Example
    "A chat server dies: clients reconnect through the LB" passes with min 2 beside one more.

Params
    ``min`` (default 2).

Known limits
    ``graph.no_single_point_of_failure`` judges the board; this judges what was said about it.
"""

from __future__ import annotations

from pydantic import Field

from designer.checks.base import COUNT_MESSAGES, Check, MinCount, SessionView, count_entries


class Params(MinCount):
    min: int = Field(default=2, ge=1)


def run(view: SessionView, params: Params):
    yield from count_entries(view, "wrap_up.failure_cases", params.min, "failure cases")


CHECK = Check(
    id="wrap_up.failure_cases",
    summary="Require failure cases and what happens in each",
    messages=COUNT_MESSAGES,
    run=run,
    params=Params,
    points=2,
    serves="Common mistakes: only the happy path",
    doc=__doc__,
)
