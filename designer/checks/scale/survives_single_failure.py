"""Disallow a single failure that breaks a client path or leaves too little capacity for the peak.

What it checks
    Every box the clients reach is failed once, as one failure takes it: one instance of a box
    with several replicas, a managed box or one with a standby (a replication arrow to its family,
    or said on the box: "primary + hot standby", "RF=3")
    — the rest carry on — or the whole of a box that has none of these. A failure **breaks** when an
    arrow the clients use stops being served: into or out of a lost box with no alternative of its
    kind, beyond it when no other way leads there, or out of a worker whose jobs need the lost box.
    It **degrades** when the survivors carry more than their capacity at the candidate's peak — a
    box already past it before the failure too, so that taking replicas away never earns points here.
    Boxes that grow with their load — managed, a provider's DNS, CDN or object store, or said to
    autoscale — and external systems are not failed.

Why it matters
    "Failure cases not considered" is a common mistake, and redundancy on paper is not enough: three
    database nodes loaded at 80% are one failure away from an outage (framework: scale the design;
    monitor and wrap up). This is ``graph.no_single_point_of_failure`` with capacity: the
    survivors must still carry the peak.

Example
    ``client → lb (×2) → api (×3) → db`` breaks when ``db`` is lost; with ``peak_write_qps = 2K``,
    losing one of three API instances (1K/s each) leaves 2K/s on 2K/s of capacity, which holds;
    at 2.5K/s it degrades.

Params
    ``capacity``: per-kind figures replacing the defaults, as in ``scale.capacity_meets_peak``.

Known limits
    One failure at a time, and boxes fail independently: the board can't say which share a host
    or a zone. Without a peak rate only breaks are found; with none, the answer is not assessable
    (an omission), since whether the survivors carry the load is unknown.
"""

from __future__ import annotations

from designer.checks.base import Check, Finding, NotAssessable, SessionView, edge, node
from designer.checks.scale._load import FiguresParams, failures, load, percent


class Params(FiguresParams):
    """The rubric's per-kind figures (``designer/checks/scale/_load.py``)."""


def run(view: SessionView, params: Params):
    if not view.clients:
        yield NotAssessable("no_clients")
        return
    drills = failures(view, params.capacity)
    if not drills:
        yield NotAssessable("no_paths")
        return
    arrows = {a["id"]: a for a in view.arrows}
    bad = 0
    for box, drill in drills.items():
        if drill.broken:
            bad += 1
            labels = [arrows[a].get("label") or a for a in list(drill.broken)[:3]]
            yield Finding(
                "breaks",
                {"name": view.label(box), "count": len(drill.broken), "examples": ", ".join(labels)},
                (node(box), *(edge(a) for a in drill.broken)),
            )
        elif drill.degraded:
            bad += 1
            worst = max(drill.degraded, key=lambda b: drill.degraded[b])
            yield Finding(
                "degrades",
                {
                    "name": view.label(box),
                    "over": view.label(worst),
                    "utilisation": percent(drill.degraded[worst]),
                },
                (node(box), *(node(b) for b in drill.degraded if b != box)),
            )
    peak = load(view, params.capacity).peak
    if not bad and peak.unreadable:
        yield NotAssessable("peak_unreadable", {"names": ", ".join(peak.unreadable)})
    elif not bad and not peak.found:
        # Nothing breaks, but without a peak whether the rest carry the load is unknown: an
        # omission, so taking the peak row away never earns these points.
        yield NotAssessable("no_peak")
    elif not bad:
        yield Finding("survives", {"count": len(drills)}, passed=True)


CHECK = Check(
    id="scale.survives_single_failure",
    statement="Any one failure leaves every client path served, with capacity for the peak",
    summary="Disallow a single failure that breaks a client path or leaves too little capacity",
    messages={
        "breaks": "Losing {name} stops {count} arrow(s) the clients use ({examples}): add a replica, "
        "a standby or another way round.",
        "degrades": "Losing one instance of {name} leaves {over} at {utilisation} of its capacity at "
        "your peak: add an instance so the rest carry it.",
        "survives": "Any one of the {count} boxes the clients use can fail and the rest carry the peak.",
        "no_clients": "There is no client on the board, so there are no paths to fail: draw who uses it.",
        "no_paths": "No client uses any box yet, so there is nothing to fail: draw how requests flow.",
        "no_peak": "No single failure breaks a client path, but the estimates give no peak rate, so "
        "whether the rest carry the load can't be judged: add a row like peak_qps, per second.",
        "peak_unreadable": "No single failure breaks a client path, but {names} does not evaluate, so "
        "whether the rest carry the peak can't be judged: fix the row.",
    },
    run=run,
    params=Params,
    points=3,
    serves="Scale the design; failure cases considered",
    doc=__doc__,
)
