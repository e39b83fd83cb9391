"""Require a cache on the read path to a datastore.

What it checks
    Some ``cache`` box is called by a box that also reaches a datastore (cache-aside), or sits on a
    path between a caller and a datastore (read-through).

Why it matters
    Reads usually dwarf writes; a cache in front of the database takes the hot reads off it and
    cuts latency (framework: high-level design; scale the design).

Example
    ``api → redis`` and ``api → db`` (cache-aside) passes; a cache with no arrows in fails.

Params
    none.

Known limits
    A CDN also caches, but it is judged by ``graph.cdn_for_media``, not here.
"""

from __future__ import annotations

import networkx as nx

from designer.checks.base import Check, Finding, SessionView, node


def run(view: SessionView, params):
    caches = view.of_kind("cache")
    if not caches:
        yield Finding("no_cache", {})
        return
    stores = set(view.datastores)
    for cache in caches:
        for caller in view.flow.predecessors(cache):
            if stores & (nx.descendants(view.flow, caller) - {cache}) or stores & nx.descendants(
                view.flow, cache
            ):
                yield Finding(
                    "cached",
                    {"cache": view.label(cache), "caller": view.label(caller)},
                    (node(cache), node(caller)),
                    passed=True,
                )
                return
    yield Finding("off_path", {"cache": view.label(caches[0])}, (node(caches[0]),))


CHECK = Check(
    id="graph.cache_on_read_path",
    statement="A cache sits on the read path to the data",
    summary="Require a cache on the read path to a datastore",
    messages={
        "cached": "{caller} reads through {cache} before the datastore.",
        "no_cache": "No cache: reads all go to the datastore. Add a cache on the read path.",
        "off_path": "{cache} is not on any read path: connect the service that reads the data to it.",
    },
    run=run,
    points=1,
    serves="Scale the design",
    doc=__doc__,
)
