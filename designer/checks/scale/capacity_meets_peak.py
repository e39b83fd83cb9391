"""Require every box on a client path to hold the candidate's own peak with headroom.

What it checks
    The peak read and write rates are taken from the estimates panel (``peak_qps``,
    ``peak_write_qps``…, see ``docs/capacity.md`` for how rows are chosen) and routed from the
    clients along the arrows. Each box's utilisation is its load ÷ (replicas × one instance's
    capacity, from the per-kind table); every box the clients reach must stay at or under
    ``max_utilisation``. A box that grows with its load (managed, a DNS, CDN or object store, or said to
    autoscale) is not judged unless it states its own capacity; a design whose every loaded box
    grows so (API Gateway → Lambda → DynamoDB) holds its peak by construction, and passes.

Why it matters
    "Will it hold your peak?" is the question of the scale step: an estimate that the design never
    answers is arithmetic for its own sake, and a tier of four workers facing 23K messages a second
    is a bottleneck the candidate should find before the interviewer does (framework: back-of-the-
    envelope estimation; scale the design).

Example
    Estimates ``peak_write_qps = 5K``; board ``client → lb (×2) → api (×2) → db``: two service
    instances at 1K/s each run at 250%: the finding names the API and says about 8 instances are
    needed at 70%.

Params
    ``max_utilisation`` (default 0.7), ``capacity``: per-kind figures replacing the defaults
    (``{service: {reads: 2000, writes: 2000}}``).

Known limits
    The figures per kind are orders of magnitude, not benchmarks of the candidate's code; the
    routing follows documented rules (a router splits, a service calls each kind it points at, a
    cache absorbs its hit ratio), and an arrow's ``share`` or a box's ``capacity`` corrects them.
    Without a peak rate in the estimates the check can't judge, and says which row to add; nor
    when a peak row (or the rate of a class no peak row gives) does not evaluate, unless a box is
    already over at the part of the load that is known.
"""

from __future__ import annotations

import math

from designer.checks.base import Check, Finding, NotAssessable, SessionView, node, panel
from designer.checks.scale._load import LimitParams, load, percent, rate


class Params(LimitParams):
    """The rubric's per-kind figures and utilisation limit (``designer/checks/scale/_load.py``)."""


def run(view: SessionView, params: Params):
    if not view.clients:
        yield NotAssessable("no_clients")
        return
    result = load(view, params.capacity)
    unreadable = {"names": ", ".join(result.peak.unreadable)}
    if not result.peak.found:
        yield (
            NotAssessable("peak_unreadable", unreadable)
            if result.peak.unreadable
            else NotAssessable("no_peak")
        )
        return
    rows = tuple(panel(f"estimates[{i}]") for i in (*result.peak.read_rows, *result.peak.write_rows))
    over = result.over(params.max_utilisation)
    for box in over:
        b = result.boxes[box]
        utilisation = b.utilisation() or 0.0
        needed = math.ceil(b.replicas * utilisation / params.max_utilisation)
        yield Finding(
            "over",
            {
                "name": b.label,
                "utilisation": percent(utilisation),
                "load": rate(b.load),
                "replicas": b.replicas,
                "limit": percent(params.max_utilisation),
                "needed": needed,
            },
            (node(box), *rows),
        )
    if over:
        return
    if result.peak.unreadable:  # what holds the known part of the load may not hold the rest
        yield NotAssessable("peak_unreadable", unreadable)
        return
    if result.bottleneck is None:
        # no box with a fixed capacity takes load: where the loaded ones all grow with it (managed,
        # a provider's, autoscaling), the design holds its peak by construction
        elastic = [b for b in result.boxes.values() if b.on_client_path and b.elastic and b.load > 0]
        if elastic:
            yield Finding(
                "scales",
                {"names": ", ".join(b.label for b in elastic[:4]) + ("…" if len(elastic) > 4 else "")},
                (*(node(b.id) for b in elastic), *rows),
                passed=True,
            )
        return
    b = result.boxes[result.bottleneck]
    utilisation = b.utilisation() or 0.0
    yield Finding(
        "holds",
        {
            "name": b.label,
            "utilisation": percent(utilisation),
            "limit": percent(params.max_utilisation),
            "headroom": f"{1 / utilisation:.1f}" if utilisation > 0 else "∞",
        },
        (node(b.id), *rows),
        passed=True,
    )


CHECK = Check(
    id="scale.capacity_meets_peak",
    statement="Every box holds the estimated peak with headroom",
    summary="Require every box on a client path to stay under a utilisation at the estimated peak",
    messages={
        "scales": "Every box that takes your peak grows with its load ({names}: managed, a provider's or "
        "autoscaling), so none has a fixed capacity to run out of.",
        "over": "{name} runs at {utilisation} of its capacity at your peak ({load} on {replicas} "
        "instance(s)): add instances to keep it under {limit}, about {needed} in all.",
        "holds": "Every box holds your peak under {limit}; the busiest, {name}, runs at {utilisation} "
        "(the design holds about {headroom}× your peak).",
        "no_clients": "There is no client on the board, so no load enters it: draw who uses it.",
        "no_peak": "The estimates give no peak rate, so there is no load to check the board against: "
        "add a row like peak_qps or peak_write_qps, per second.",
        "peak_unreadable": "{names} does not evaluate, so the peak, and whether the board holds it, is "
        "unknown: fix the row.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Scale the design; back-of-the-envelope estimation",
    doc=__doc__,
)
