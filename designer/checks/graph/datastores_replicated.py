"""Require replicas or sharding for the datastores under load.

What it checks
    Every datastore of ``kinds`` that a client reaches is redundant (2+ replicas, managed, a
    replication arrow to its family, or said so on the box: "primary + 2 replicas", "RF=3",
    "3-node cluster", "hot standby"), or says it is sharded or partitioned in its label or notes.
    Any arrow between a store and a read replica of its family is replication, whatever mode it
    was drawn with (a dotted ``primary -.- replica`` in Mermaid reads as asynchronous), as is one
    between two stores of one family whose label says so ("streams WAL to standby").

Why it matters
    At interview scale one database node is both the throughput ceiling and the thing whose loss
    loses data (framework: scale the design: replicas, sharding).

Example
    ``db`` with ``replicas: 3`` passes; ``users-db → users-replica (replication)`` passes;
    a lone ``sql_database`` fails.

Params
    ``kinds`` (default the SQL and NoSQL databases).

Known limits
    It can't tell which stores are actually "under load"; list the ones that matter in ``kinds``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, Finding, Partial, SessionView, node
from designer.checks.text import mentions_any


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kinds: list[str] = ["sql_database", "nosql_database"]


def run(view: SessionView, params: Params):
    stores = [s for s in view.of_kind(*params.kinds) if s in view.reachable_from_clients]
    single = 0
    for store in stores:
        attrs = view.graph.nodes[store]
        words = f"{attrs.get('label') or ''} {attrs.get('notes') or ''}"
        if view.is_redundant(store) or mentions_any(words, ["shard", "sharded", "partition", "partitioned"]):
            yield Finding("scaled", {"store": view.label(store)}, (node(store),), passed=True)
        else:
            single += 1
            yield Finding("single", {"store": view.label(store)}, (node(store),))
    if 0 < single < len(stores):
        yield Partial(1 - single / len(stores))


CHECK = Check(
    id="graph.datastores_replicated",
    statement="Every datastore clients reach is replicated or sharded",
    summary="Require replicas or sharding for the datastores clients reach",
    messages={
        "scaled": "{store} is replicated or sharded.",
        "empty": "There is no datastore on the board yet: draw where the data lives.",
        "single": "{store} is a single node: add replicas (a replication arrow to a replica) or shard it.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Scale the design",
    doc=__doc__,
)
