"""Disallow boxes with no arrows at all.

What it checks
    Every box has at least one arrow, in or out, but a monitoring box: it watches every box, so it
    is drawn beside the design, its arrows understood (Prometheus, Datadog, "Metrics").

Why it matters
    An unconnected box is a buzzword: named, never used (common mistakes; checklist: clear
    diagrams).

Example
    A ``search_index`` box with no arrows fails, pointing at it.

Params
    ``exempt_kinds``: kinds that may stand alone (default: monitoring).

Known limits
    ``graph.no_unused_components`` also catches boxes that only call out and that nothing calls.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, Finding, SessionView, node


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exempt_kinds: list[str] = ["monitoring"]


def run(view: SessionView, params: Params):
    out, into = view.degrees
    orphans = [
        n for n in view.graph.nodes if out[n] + into[n] == 0 and view.kind(n) not in params.exempt_kinds
    ]
    for box in orphans:
        yield Finding("orphan", {"name": view.label(box)}, (node(box),))
    if view.graph.number_of_nodes() and not orphans:
        yield Finding("connected", {}, passed=True)


CHECK = Check(
    id="graph.no_orphans",
    statement="Every box is connected",
    summary="Disallow boxes with no arrows at all",
    messages={
        "orphan": "{name} has no arrows: connect it to what uses it, or remove it.",
        "connected": "Every box is connected.",
        "empty": "There are no boxes yet: draw the design, each box connected by an arrow to what uses it.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Common mistakes: buzzwords",
    doc=__doc__,
)
