"""Require asynchronous work to go through a queue or a stream.

What it checks
    Every ``async`` arrow lands on a ``queue``, ``stream`` or ``worker`` (or leaves one: a consumer
    pulling from it). With ``require`` set, the board must also have at least one async arrow.

Why it matters
    Fire-and-forget work needs a buffer that survives a slow or dead consumer; an async arrow
    straight into a database or service loses work under load (framework: detailed design).

Example
    ``chat → kafka (async)`` and ``kafka → workers (async)`` pass; ``api → db (async)`` fails.

Params
    ``require`` (default false): fail a board without any async arrow.

Known limits
    A board with no async arrow has nothing to buffer: the check does not apply and earns nothing
    (``graph.workers_fed_by_queue`` judges whether work that should be asynchronous is).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, DoesNotApply, Finding, NotAssessable, SessionView, edge, node

_BUFFERS = {"queue", "stream", "worker", "notification_service"}


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    require: bool = False


def run(view: SessionView, params: Params):
    if not view.arrows:
        yield NotAssessable("no_arrows")
        return
    asyncs = [(a["source"], a["target"], a) for a in view.arrows if a.get("mode") == "async"]
    bad = [(s, t, d) for s, t, d in asyncs if view.kind(t) not in _BUFFERS and view.kind(s) not in _BUFFERS]
    for source, target, data in bad:
        yield Finding(
            "unbuffered",
            {"source": view.label(source), "target": view.label(target)},
            (edge(data["id"]), node(source), node(target)),
        )
    if not asyncs and params.require:
        yield Finding("none", {})
    elif not asyncs:
        yield DoesNotApply("nothing_async")  # no free point: whether work should be async is judged elsewhere
    elif asyncs and not bad:
        yield Finding(
            "buffered", {"count": len(asyncs)}, tuple(edge(d["id"]) for _, _, d in asyncs), passed=True
        )


CHECK = Check(
    id="graph.async_through_queue",
    statement="Asynchronous work goes through a queue or a stream",
    summary="Require asynchronous work to go through a queue or a stream",
    messages={
        "unbuffered": "The async arrow {source} → {target} has no queue or stream: put one between them.",
        "none": "Nothing is asynchronous: move slow or fan-out work behind a queue or a stream.",
        "buffered": "All {count} async arrows go through a queue, stream or worker.",
        "no_arrows": "There are no arrows yet: draw how requests and work flow between the boxes.",
        "nothing_async": "No arrow is asynchronous, so there is nothing to buffer (whether work should be "
        "asynchronous is judged by graph.workers_fed_by_queue).",
    },
    run=run,
    params=Params,
    points=1,
    serves="Detailed component design",
    doc=__doc__,
)
