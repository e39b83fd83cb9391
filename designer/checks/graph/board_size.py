"""Require the board's size to be within a range.

What it checks
    The number of boxes is between ``min_nodes`` and ``max_nodes``.

Why it matters
    Too few boxes is no design; too many is over-engineering, a common mistake (and a sign the
    candidate did not start simple).

Example
    With the defaults (4 to 30), a board of 3 boxes fails as too small; 40 boxes fails as too big.

Params
    ``min_nodes`` (default 4), ``max_nodes`` (default 30).

Known limits
    Size says nothing of quality; ``process.start_simple`` looks at how the board grew.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, SessionView


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_nodes: int = Field(default=4, ge=0)
    max_nodes: int = Field(default=30, ge=1)


def run(view: SessionView, params: Params):
    count = view.graph.number_of_nodes()
    if count < params.min_nodes:
        yield Finding("too_small", {"count": count, "min": params.min_nodes})
    elif count > params.max_nodes:
        yield Finding("too_big", {"count": count, "max": params.max_nodes})
    else:
        yield Finding("fits", {"count": count}, passed=True)


CHECK = Check(
    id="graph.board_size",
    statement="The board has a sensible number of boxes",
    summary="Require the number of boxes to be within a range",
    messages={
        "fits": "The board has {count} boxes.",
        "too_small": "The board has only {count} boxes; a design needs at least {min}: draw the services and "
        "datastores the requirements need.",
        "too_big": "The board has {count} boxes, more than {max}: keep the design as simple as the requirements allow.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Common mistakes: over-engineering",
    doc=__doc__,
)
