"""Require failure cases and what happens in each.

What it checks
    At least ``min`` failure cases are written in the wrap-up panel (a line listing several, split by
    ``;``, bullets, line breaks or ``1) … 2) …``, counts each).

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

from designer.checks.base import counting_check

CHECK = counting_check(
    "wrap_up.failure_cases",
    statement="Failure cases say what happens in each",
    path="wrap_up.failure_cases",
    what="failure cases",
    default_min=2,
    summary="Require failure cases and what happens in each",
    serves="Common mistakes: only the happy path",
    points=2,
    doc=__doc__,
)
