"""Require clarifying questions before designing.

What it checks
    The panel field ``requirements.questions`` has at least ``min`` non-blank entries.

Why it matters
    Asking before drawing is the first item of the success checklist; too few questions is a common mistake.

Example
    Three questions with answers ("Group chats?" "Yes, up to 100") pass with min 3.

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
    yield from count_entries(view, "requirements.questions", params.min, "clarifying questions")


CHECK = Check(
    id="requirements.questions_asked",
    summary="Require clarifying questions before designing",
    messages=COUNT_MESSAGES,
    run=run,
    params=Params,
    points=1,
    serves="Listen; ask clarifying questions; too few clarifying questions",
    doc=__doc__,
)
