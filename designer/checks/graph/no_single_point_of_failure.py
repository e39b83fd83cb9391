"""Disallow single points of failure between the clients and the data.

What it checks
    A box is a single point of failure when it is not redundant (fewer than 2 replicas, not
    managed — a DNS, a CDN or an object store is a provider's unless it says ``managed: false`` or
    "single node" —, no replication arrow to a box of its family, its label and notes don't say it
    is replicated: "Postgres (primary + 2 replicas)", "MySQL master-slave", "RF=3", "hot standby";
    "no replicas yet" doesn't, nor a pool: "API servers", or a zone around it that is one: an
    "Auto Scaling group", a scale set, an HPA) and its loss cuts every path from the
    clients to some datastore they reach, the datastore itself included. Paths follow sync and
    async arrows; replication arrows copy data and are not paths.

Why it matters
    "Failure cases not considered" is one of the common mistakes: a lone database or load balancer
    on the only path to the data takes the whole product down with it (framework: scale the design;
    monitor and wrap up).

Example
    ``client → lb → api (×3) → db``: ``lb`` and ``db`` are single points of failure; ``api`` is not.
    Give the load balancer 2 replicas and the database a standby with a replication arrow.

Params
    none.

Known limits
    The board can't say which boxes share a machine or a zone, so two boxes on one host count as
    independent. A datastore no client reaches is not judged.

The computation (``SessionView.single_points_of_failure``, shared with ``wrap_up.spofs_discussed``)
uses dominators, not deletion: a virtual source is joined to every client, and the boxes on a
datastore's dominator chain are exactly those every path to it runs through. One
``immediate_dominators`` call covers every datastore, in near-linear time.
"""

from __future__ import annotations

from designer.checks.base import Check, Finding, NotAssessable, SessionView, node


def run(view: SessionView, params):
    if not view.clients:
        yield NotAssessable("no_clients")
        return
    cuts = view.cuts
    if not cuts:
        yield NotAssessable("no_paths")
        return
    for box, datastore in view.single_points_of_failure.items():
        yield Finding(
            "spof",
            {"name": view.label(box), "datastore": view.label(datastore)},
            (node(box), node(datastore)) if box != datastore else (node(box),),
        )
    if not view.single_points_of_failure:
        yield Finding("redundant", {"count": len([n for n in cuts if view.kind(n) != "client"])}, passed=True)


CHECK = Check(
    id="graph.no_single_point_of_failure",
    statement="No single box's loss cuts the clients off the data",
    summary="Disallow a box whose loss cuts every path from the clients to the data",
    messages={
        "spof": "{name} is a single point of failure: every path from clients to {datastore} runs "
        "through it. Add a replica or a standby.",
        "redundant": "Every box on the paths to the data ({count}) is redundant.",
        "no_clients": "There is no client on the board, so there are no paths to judge: draw who uses it.",
        "no_paths": "No path leads from a client to a datastore, so there are no paths to judge: "
        "draw how requests reach the data.",
    },
    run=run,
    points=3,
    serves="Scale the design; failure cases considered",
    doc=__doc__,
)
