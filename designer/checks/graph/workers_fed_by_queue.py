"""Require background work to be fed through a queue or a stream, not called synchronously.

What it checks
    Every ``worker`` box is fed only through a ``queue`` or ``stream``: a synchronous arrow into a
    worker from anything else (a service, a WebSocket server, a gateway) is a finding, with that
    arrow as its evidence — unless the caller itself consumes a queue or stream (a crawler's
    scheduler that takes URLs off the frontier and hands them to the fetchers). So is a fan-out called synchronously: a box that calls two or more
    workers or notification services with synchronous arrows. A consumer drawn pulling, its arrow to
    the queue it takes work from ("poll", "consume", "subscribe", or a worker nothing else feeds on
    the queue's only way out), is fed by that queue, here and in every check. What no request waits
    on is not a call either: a store's change feed or event into a worker (CDC from a database, an
    "object created" event from a bucket) and a scheduler's tick ("Cron scheduler").

Why it matters
    Work a worker does (fan-out, notifications, encoding, indexing) is slow and may fail; called
    synchronously, the user waits for it and a slow or dead worker takes the request path down with
    it. A queue or stream absorbs bursts, retries and survives a dead consumer (framework: detailed
    design; common mistake: no asynchronous processing where the work allows it).

Example
    ``chat → kafka (async) → fanout:worker`` passes; ``chat → fanout:worker`` (sync) fails, pointing
    at the arrow. ``api → push:notification_service`` and ``api → mailer:worker`` (both sync) fail as
    a synchronous fan-out.

Params
    none.

Known limits
    The board has no workers or fan-out to judge: the check does not apply (it earns nothing).
    Whether a particular call could be synchronous (a worker pool behind an RPC with its own
    backlog) is the interviewer's call.
"""

from __future__ import annotations

from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, SessionView, edge, node
from designer.checks.text import mentions_any
from designer.session_format import DATASTORE_KINDS

_FEEDS = {"queue", "stream"}
_BACKGROUND = {"worker", "notification_service"}
#: What starts work no request waits for: a schedule ("Cron scheduler", "timer").
_SCHEDULES = ("cron", "scheduler", "scheduled", "timer")


def _no_request_waits(view: SessionView, source: str) -> bool:
    """Whether what a box sends a worker is no request anyone waits on: a store's change feed or
    event (CDC from a database, "object created" from a bucket), or a schedule's tick."""
    return view.kind(source) in DATASTORE_KINDS or mentions_any(view.label(source), _SCHEDULES) is not None


def run(view: SessionView, params):
    if not view.arrows:
        yield NotAssessable("no_arrows")
        return
    workers = set(view.of_kind("worker"))
    # A dispatcher that takes its work off a queue or stream passes it on without holding up a request.
    consumers = {a["target"] for a in view.arrows if view.kind(a["source"]) in _FEEDS}
    synchronous = [a for a in view.arrows if a.get("mode", "sync") == "sync" and a["source"] != a["target"]]
    judged = False
    for arrow in synchronous:
        source, target = arrow["source"], arrow["target"]
        if (
            target in workers
            and view.kind(source) not in _FEEDS | {"worker"}
            and source not in consumers
            and not _no_request_waits(view, source)
        ):
            judged = True
            yield Finding(
                "sync_to_worker",
                {"source": view.label(source), "target": view.label(target)},
                (edge(arrow["id"]), node(source), node(target)),
            )
    fan_out: dict[str, list[dict]] = {}
    for arrow in synchronous:
        if (
            view.kind(arrow["target"]) in _BACKGROUND
            and view.kind(arrow["source"]) not in _FEEDS | _BACKGROUND
            and not _no_request_waits(view, arrow["source"])
        ):
            fan_out.setdefault(arrow["source"], []).append(arrow)
    for source, arrows in fan_out.items():
        targets = {a["target"] for a in arrows}
        if len(targets) >= 2 and not any(t in workers for t in targets):
            judged = True
            yield Finding(
                "sync_fan_out",
                {"source": view.label(source), "targets": ", ".join(sorted(view.label(t) for t in targets))},
                tuple(edge(a["id"]) for a in arrows),
            )
    targets = {a["target"] for a in view.arrows}
    fed = [w for w in workers if w in targets]
    if not judged and fed:
        yield Finding("fed", {"count": len(fed)}, tuple(node(w) for w in fed), passed=True)
    elif not judged:
        yield DoesNotApply("nothing_to_feed")


CHECK = Check(
    id="graph.workers_fed_by_queue",
    statement="Background work is fed through a queue or a stream",
    summary="Require background work to be fed through a queue or a stream, not called synchronously",
    messages={
        "sync_to_worker": "{source} calls the worker {target} synchronously: put a queue or stream between "
        "them, so a slow or dead worker never holds up the request.",
        "sync_fan_out": "{source} fans out synchronously to {targets}: publish once to a queue or stream and "
        "let each consume it.",
        "fed": "Every worker ({count}) is fed through a queue or stream.",
        "no_arrows": "There are no arrows yet: draw how work reaches the workers.",
        "nothing_to_feed": "The board has no worker and no fan-out to feed through a queue.",
    },
    run=run,
    points=2,
    serves="Detailed component design; common mistakes",
    doc=__doc__,
)
