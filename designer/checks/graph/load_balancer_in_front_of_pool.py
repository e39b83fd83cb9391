"""Require a load balancer in front of a pool of servers.

What it checks
    Some ``load_balancer`` has an arrow to a server box (``web_server``, ``service``,
    ``websocket_server``, ``api_gateway``) that has at least ``min_replicas`` replicas, or to at
    least that many server boxes. A box whose label or notes say it is a pool ("API servers", "Web
    server fleet", "API (auto-scaling group)", "API x N") is one, as a whiteboard draws a pool;
    "single API server" is not.

Why it matters
    One server is a ceiling and a single point of failure; a balanced pool is the first step of
    horizontal scaling (framework: high-level design; scale the design).

Example
    ``lb → api (replicas: 3)`` passes; ``lb → api`` with one replica fails.

Params
    ``min_replicas`` (default 2), ``server_kinds``.

Known limits
    The pool's size is what the board says: a box said to be a pool counts as ``min_replicas``. The
    capacity checks read replicas literally: a pool's size there is its replicas field.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, SessionView, node


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_replicas: int = Field(default=2, ge=1)
    server_kinds: list[str] = ["web_server", "service", "websocket_server", "api_gateway"]


def run(view: SessionView, params: Params):
    balancers = view.of_kind("load_balancer")
    if not balancers:
        yield Finding("no_balancer", {})
        return
    for lb in balancers:
        servers = [s for s in view.flow.successors(lb) if view.kind(s) in params.server_kinds]
        size = sum(view.pool_size(s, params.min_replicas) for s in servers)
        if size >= params.min_replicas:
            yield Finding(
                "pool",
                {"balancer": view.label(lb), "size": size},
                (node(lb), *(node(s) for s in servers)),
                passed=True,
            )
            return
    lb = balancers[0]
    servers = [s for s in view.flow.successors(lb) if view.kind(s) in params.server_kinds]
    if not servers:
        yield Finding("nothing_behind", {"balancer": view.label(lb)}, (node(lb),))
    else:
        yield Finding(
            "small_pool",
            {
                "balancer": view.label(lb),
                "size": sum(view.pool_size(s, params.min_replicas) for s in servers),
                "min": params.min_replicas,
            },
            (node(lb), *(node(s) for s in servers)),
        )


CHECK = Check(
    id="graph.load_balancer_in_front_of_pool",
    statement="A load balancer fronts each pool of servers",
    summary="Require a load balancer in front of a pool of servers",
    messages={
        "pool": "{balancer} spreads requests over {size} servers.",
        "no_balancer": "No load balancer: add one in front of a pool of servers.",
        "nothing_behind": "{balancer} has no servers behind it. Draw its arrows to the server pool.",
        "small_pool": "{balancer} fronts only {size} server(s); run at least {min} (set replicas).",
    },
    run=run,
    params=Params,
    points=2,
    serves="High-level design",
    doc=__doc__,
)
