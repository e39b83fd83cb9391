"""Require clarifying questions asked before the first box is drawn.

What it checks
    In the session's history, the first revision with a box on the board already has at least
    ``min`` clarifying questions written in the requirements (a question with text; an answer is not
    needed).

Why it matters
    The framework's first step is to ask before designing: scale, features, constraints. A board
    begun before any question was asked designs for a problem the candidate assumed, the interview's
    most common mistake ("jumping to the solution").

Example
    Revision 1 has the questions "How many users?" and "Group chats?" and no board, revision 2 the
    first boxes: passes. A first box drawn while the questions list is empty fails, even if questions
    are written later.

Params
    ``min`` (default 1).

Known limits
    Needs the history; a session file without it is not assessable. Questions asked aloud and never
    written down are not seen; whether the questions were good ones is the interviewer's judgement.
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
    asked = [
        q
        for q in requirements.get("questions") or []
        if isinstance(q, dict) and str(q.get("question") or "").strip()
    ]
    minutes = clock(first["at"])
    data = {"count": len(asked), "at": minutes}
    if len(asked) >= params.min:
        yield Finding("asked", data, (panel("requirements"),), passed=True)
    else:
        yield Finding("drew_first", data, (panel("requirements"),))


CHECK = Check(
    id="process.questions_before_design",
    statement="Questions were asked before the first box was drawn",
    summary="Require clarifying questions asked before the first box is drawn",
    messages={
        "asked": "{count} clarifying questions were written before the first box was drawn at {at}.",
        "drew_first": "The first box was drawn at {at} with {count} questions asked: ask before designing.",
        "no_history": "The session has no history, so the order of work can't be judged.",
        "no_board": "No box was ever drawn.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Step 1, clarify requirements; common mistakes: jumping to the solution",
    doc=__doc__,
    reads_history=True,
)
