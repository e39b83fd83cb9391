"""Disallow components that nothing uses.

What it checks
    Every box other than the sources (clients, DNS, monitoring, external systems, coordination) has
    at least one arrow coming in: something sends it requests or data.

Why it matters
    "Buzzwords" is a common mistake: a Kafka or a search index drawn because it sounds right, with
    nothing feeding it.

Example
    ``search → db`` with no arrow into ``search`` fails: nothing uses the search index.

Params
    ``exempt_kinds``: kinds that need no incoming arrow.

Known limits
    A box used only through a replication arrow counts as used.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import SOURCE_KINDS, Check, Finding, SessionView, node


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exempt_kinds: list[str] = sorted(SOURCE_KINDS)


def run(view: SessionView, params: Params):
    unused = [
        n
        for n in view.graph.nodes
        if view.kind(n) not in params.exempt_kinds and view.graph.in_degree(n) == 0
    ]
    for box in unused:
        yield Finding("unused", {"name": view.label(box), "kind": view.kind(box)}, (node(box),))
    if view.graph.number_of_nodes() and not unused:
        yield Finding("used", {}, passed=True)


CHECK = Check(
    id="graph.no_unused_components",
    statement="Every component is used",
    summary="Disallow components that nothing uses",
    messages={
        "unused": "Nothing uses {name}: no arrow leads into it. Show what calls it, or drop it.",
        "used": "Every component is used by something.",
        "empty": "There are no components yet: draw the ones the requirements need, and what calls each.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Common mistakes: buzzwords",
    doc=__doc__,
)
