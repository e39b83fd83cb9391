"""Require what is out of scope to be stated.

What it checks
    The panel field ``requirements.out_of_scope`` has at least ``min`` non-blank entries.

Why it matters
    Saying what you will not build keeps the interview on the core and shows judgement.

Example
    "Voice calls" under out of scope passes.

Params
    ``min`` (default 1).

Known limits
    Entries are counted, not judged: their quality is the interviewer's call.
"""

from __future__ import annotations

from pydantic import Field

from designer.checks.base import COUNT_MESSAGES, Check, MinCount, SessionView, count_entries


class Params(MinCount):
    min: int = Field(default=1, ge=1)


def run(view: SessionView, params: Params):
    yield from count_entries(view, "requirements.out_of_scope", params.min, "out-of-scope items")


CHECK = Check(
    id="requirements.out_of_scope_stated",
    summary="Require what is out of scope to be stated",
    messages=COUNT_MESSAGES,
    run=run,
    params=Params,
    points=1,
    serves="Agree on scope",
    doc=__doc__,
)
