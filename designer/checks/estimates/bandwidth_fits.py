"""Require the estimated bandwidth to fit what the boxes the clients talk to can carry.

What it checks
    The largest bandwidth row of the estimates (bytes per time, named bandwidth, egress, ingress,
    throughput, traffic or transfer; a peak row first) against the network capacity of the first
    boxes the clients' arrows reach: replicas × one instance's bandwidth (a 10 Gbit/s card, a CDN
    ten times that; see ``docs/capacity.md``), at or under ``max_utilisation``. An edge box that
    grows with its load — managed (an ALB, API Gateway), a provider's CDN or DNS, or said to
    autoscale, as the capacity check reads it — carries what comes, and the check passes.

Why it matters
    A bandwidth estimate is there to size the edge: video or media at tens of GB/s through one load
    balancer is a design that can't carry its own numbers, and the fix (a CDN, more instances)
    belongs on the board (framework: back-of-the-envelope estimation; scale the design).

Example
    ``bandwidth_out = 20 GB/s`` with ``client → lb (×2)`` is 800% of 2 × 1.25 GB/s: it fails. Add a
    CDN for the media, or more load balancers.

Params
    ``max_utilisation`` (default 0.7), ``capacity``: per-kind figures (``bandwidth_bytes``).

Known limits
    Only the edge is compared, and all of the bandwidth is assumed to cross it; bandwidth inside the
    data centre is not estimated by most candidates and is not checked.
"""

from __future__ import annotations

from designer.capacity import PEAK_WORDS, elastic, profile_of
from designer.checks.base import Check, Finding, NotAssessable, SessionView, node, panel
from designer.checks.estimates._quantities import dimension_of
from designer.checks.scale._load import LimitParams, percent, plain
from designer.checks.text import mentions_any
from designer.units import format_quantity, quantity

BANDWIDTH_WORDS = ("bandwidth", "egress", "ingress", "throughput", "traffic", "transfer", "network")


class Params(LimitParams):
    """The rubric's per-kind figures and utilisation limit (``designer/checks/scale/_load.py``)."""


def run(view: SessionView, params: Params):
    candidates = [
        (i, row)
        for i, row in enumerate(view.estimates)
        if row.ok
        and dimension_of(row) == "bytes_rate"
        and mentions_any(row.name.replace("_", " "), BANDWIDTH_WORDS)
    ]
    if not candidates:
        yield NotAssessable("no_bandwidth")
        return
    peaks = [c for c in candidates if mentions_any(c[1].name.replace("_", " "), PEAK_WORDS)] or candidates
    index, row = max(peaks, key=lambda c: float(c[1].quantity.to("byte/second").magnitude))  # type: ignore[union-attr]
    needed = float(row.quantity.to("byte/second").magnitude)  # type: ignore[union-attr]
    overrides = plain(params.capacity)
    entry: dict[str, float] = {}
    growing: list[str] = []  # managed, a provider's or autoscaling: no one instance's card limits it
    for client in view.clients:
        for target in view.flow.successors(client):
            data = view.graph.nodes[target]
            bandwidth = profile_of(data, overrides).bandwidth_bytes
            if bandwidth and view.kind(target) != "client":
                entry[target] = bandwidth * view.replicas(target)
                if elastic(data, view.kind(target)) and target not in growing:
                    growing.append(target)
    if not entry:
        yield NotAssessable("no_entry")
        return
    figure = format_quantity(quantity(needed, "byte/second"))
    if growing:
        names = ", ".join(view.label(b) for b in growing)
        where = (panel(f"estimates[{index}]"), *(node(b) for b in growing))
        yield Finding("scales", {"row": row.name, "figure": figure, "names": names}, where, passed=True)
        return
    total = sum(entry.values())
    utilisation = needed / total
    data = {
        "row": row.name,
        "figure": figure,
        "capacity": format_quantity(quantity(total, "byte/second")),
        "names": ", ".join(view.label(b) for b in entry),
        "utilisation": percent(utilisation),
        "limit": percent(params.max_utilisation),
    }
    where = (panel(f"estimates[{index}]"), *(node(b) for b in entry))
    if utilisation <= params.max_utilisation:
        yield Finding("fits", data, where, passed=True)
    else:
        yield Finding("over", data, where)


CHECK = Check(
    id="estimates.bandwidth_fits",
    statement="The estimated bandwidth fits what the edge of the board can carry",
    summary="Require the estimated bandwidth to fit the network capacity of the boxes the clients reach",
    messages={
        "fits": "{row} ({figure}) is {utilisation} of what {names} can carry ({capacity}).",
        "scales": "{row} ({figure}) comes in through {names}, which grow with the traffic (managed, a "
        "provider's or autoscaling).",
        "over": "{row} ({figure}) is {utilisation} of what {names} can carry ({capacity}), over {limit}: "
        "add instances, or a CDN for the heavy content.",
        "no_bandwidth": "The estimates give no bandwidth, so the edge of the board can't be sized against "
        "it: add a row like bandwidth_out in MB/s.",
        "no_entry": "No client's arrow reaches a box that carries traffic, so there is no edge to size: "
        "draw how the clients reach the board.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Back-of-the-envelope estimation; scale the design",
    doc=__doc__,
)
