"""Require a path from one kind of box to another, optionally through a third.

What it checks
    Some box of ``from_kind`` reaches some box of ``to_kind`` along sync and async arrows; with
    ``through``, every such path that counts passes a box of that kind.

Why it matters
    It states the shape a design must have: clients reach the database through a load balancer;
    writes reach search through a stream (framework: high-level design).

Example
    ``from_kind: client, to_kind: sql_database, through: load_balancer`` passes for
    ``client → lb → api → db``.

Params
    ``from_kind``, ``to_kind`` (required), ``through`` (optional): each a kind or a list of kinds,
    any of which will do (``to_kind: [nosql_database, sql_database]``: the store, whichever it is).

Known limits
    With ``through``, one path through the kind is enough; a second path around it is not reported
    (``graph.no_direct_datastore_access`` catches the usual one).
"""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, Finding, KindChoice, SessionView, kinds_of, node


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    from_kind: KindChoice
    to_kind: KindChoice
    through: KindChoice | None = None


def run(view: SessionView, params: Params):
    starts, ends = view.of_kind(*kinds_of(params.from_kind)), set(view.of_kind(*kinds_of(params.to_kind)))
    vias = view.of_kind(*kinds_of(params.through)) if params.through else [None]
    for start in starts:
        reach = nx.descendants(view.flow, start)
        for via in vias:
            if via is None:
                hit = sorted(ends & reach)
                if hit:
                    yield Finding(
                        "found",
                        {"from": view.label(start), "to": view.label(hit[0]), "through": ""},
                        (node(start), node(hit[0])),
                        passed=True,
                    )
                    return
            elif via in reach:
                hit = sorted(ends & nx.descendants(view.flow, via))
                if hit:
                    yield Finding(
                        "found",
                        {
                            "from": view.label(start),
                            "to": view.label(hit[0]),
                            "through": f" through {view.label(via)}",
                        },
                        (node(start), node(via), node(hit[0])),
                        passed=True,
                    )
                    return
    through = f" through a {view.kinds_name(params.through)}" if params.through else ""
    yield Finding(
        "missing",
        {
            "from": view.kinds_name(params.from_kind),
            "to": view.kinds_name(params.to_kind),
            "through": through,
        },
    )


CHECK = Check(
    id="graph.path_exists",
    statement="Requests reach the data along the path the problem needs",
    summary="Require a path from one kind of box to another, optionally through a third",
    messages={
        "found": "{from} reaches {to}{through}.",
        "missing": "No path leads from a {from} to a {to}{through}. Draw the arrows that carry the request.",
    },
    run=run,
    params=Params,
    points=1,
    serves="High-level design",
    doc=__doc__,
)
