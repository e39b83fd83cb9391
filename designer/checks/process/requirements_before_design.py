"""Require requirements to be written before the first box is drawn.

What it checks
    In the session's history, the first revision with a box on the board already has at least
    ``min`` functional or non-functional requirements.

Why it matters
    "Jumping to the solution" is the first common mistake: the board drawn before anything was
    asked or written down.

Example
    Revision 1 has three requirements and no board, revision 2 the first boxes: passes. A first box
    drawn at revision 1 with empty requirements fails.

Params
    ``min`` (default 1).

Known limits
    Needs the history; a session file without it is not assessable. Requirements said aloud and
    written later are not seen.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, SessionView, panel
from designer.framework import clock


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: int = Field(default=1, ge=1)


def run(view: SessionView, params: Params):
    if not view.history:
        yield DoesNotApply("no_history")
        return
    first = view.first_drawn
    if first is None:
        yield NotAssessable("no_board")
        return
    requirements = (first.get("panels") or {}).get("requirements") or {}
    written = [
        r
        for r in (requirements.get("functional") or []) + (requirements.get("non_functional") or [])
        if r.strip()
    ]
    minutes = clock(first["at"])
    if len(written) >= params.min:
        yield Finding("before", {"count": len(written), "at": minutes}, (panel("requirements"),), passed=True)
    else:
        yield Finding("jumped", {"count": len(written), "at": minutes}, (panel("requirements"),))


CHECK = Check(
    id="process.requirements_before_design",
    statement="Requirements were written before the first box was drawn",
    summary="Require requirements to be written before the first box is drawn",
    messages={
        "before": "{count} requirements were written before the first box was drawn at {at}.",
        "jumped": "The first box was drawn at {at} with {count} requirements written: clarify requirements first.",
        "no_history": "The session has no history, so the order of work can't be judged.",
        "no_board": "No box was ever drawn.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Common mistakes: jumping to the solution",
    doc=__doc__,
    reads_history=True,
)
