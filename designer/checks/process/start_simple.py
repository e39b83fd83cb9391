"""Require the design to start simple and grow.

What it checks
    In the history, the first board with boxes has at most ``max_first`` of them, and the final
    board has more boxes than that first one.

Why it matters
    "Start simple, add complexity gradually" is on the success checklist; a first board that is
    already large is "over-engineering the first design", a common mistake.

Example
    First board of 4 boxes, final of 12: passes. A first board of 15 boxes fails.

Params
    ``max_first`` (default 6).

Known limits
    Needs the history; without it, not assessable. Autosave granularity matters: a board drawn in
    one burst between two saves looks as if it appeared at once.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, DoesNotApply, Finding, SessionView


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_first: int = Field(default=6, ge=1)


def run(view: SessionView, params: Params):
    boards = [len((h.get("board") or {}).get("nodes") or []) for h in view.history]
    boards = [n for n in boards if n]
    if not boards:
        yield DoesNotApply("no_history")
        return
    first, final = boards[0], view.graph.number_of_nodes()
    if first > params.max_first:
        yield Finding("big_start", {"first": first, "max": params.max_first})
    elif final <= first and final > 0:
        yield Finding("no_growth", {"first": first, "final": final})
    else:
        yield Finding("grew", {"first": first, "final": final}, passed=True)


CHECK = Check(
    id="process.start_simple",
    statement="The design started simple and grew",
    summary="Require the design to start simple and grow",
    messages={
        "grew": "The design started with {first} boxes and grew to {final}.",
        "big_start": "The first board already had {first} boxes (more than {max}): start with the simplest design that works.",
        "no_growth": "The board never grew past its first {first} boxes ({final} at the end): refine it as the interview goes.",
        "no_history": "The session has no history of the board, so its growth can't be judged.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Start simple, add complexity gradually",
    doc=__doc__,
    reads_history=True,
)
