"""Require a component of a kind, optionally on a path between two other kinds.

What it checks
    The board has at least ``min_count`` boxes of one of ``kinds``. With ``between``, at least one
    of them lies on a path from a box of the first kind to a box of the second.

Why it matters
    A problem rubric uses it for the components a good answer has: a queue for fan-out, a cache
    for hot reads, a WebSocket tier for real time (framework: high-level design).

Example
    ``kinds: [cache], between: [service, sql_database]`` passes for ``api → redis → db`` (a
    read-through cache) and fails when the cache only hangs off the service, with no arrow on to
    the database.

Params
    ``kinds`` (required), ``min_count`` (default 1), ``between`` (optional: two ends, each a kind or
    a list of kinds any of which will do).

Known limits
    A box of kind ``other`` labelled "Redis" does not count as a cache: the kind is what is judged.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, KindChoice, SessionView, kinds_of, node


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kinds: list[str] = Field(min_length=1)
    min_count: int = Field(default=1, ge=1)
    between: tuple[KindChoice, KindChoice] | None = None


def run(view: SessionView, params: Params):
    boxes = view.of_kind(*params.kinds)
    kinds = view.kinds_name(params.kinds)
    if params.between:
        # On a path from a start to an end: reached from some start, and reaching some end (strictly).
        after_start = view.reach(view.of_kind(*kinds_of(params.between[0])), strict=True)
        before_end = view.reach(view.of_kind(*kinds_of(params.between[1])), strict=True, backwards=True)
        boxes = [box for box in boxes if box in after_start and box in before_end]
    if len(boxes) >= params.min_count:
        yield Finding(
            "present", {"kinds": kinds, "count": len(boxes)}, tuple(node(b) for b in boxes), passed=True
        )
    elif params.between:
        yield Finding(
            "missing_between",
            {
                "kinds": kinds,
                "from": view.kinds_name(params.between[0]),
                "to": view.kinds_name(params.between[1]),
                "count": params.min_count,
            },
        )
    else:
        yield Finding("missing", {"kinds": kinds, "count": params.min_count, "found": len(boxes)})


CHECK = Check(
    id="graph.component_present",
    statement="The board has the components the problem needs",
    summary="Require a component of a kind, optionally between two other kinds",
    messages={
        "present": "The design has {kinds} ({count}).",
        "missing": "The design needs {kinds} (at least {count}); it has {found}: add it where the requirements call for it.",
        "missing_between": "The design needs a {kinds} on the path from {from} to {to}: put one between them.",
    },
    run=run,
    params=Params,
    points=1,
    serves="High-level design",
    doc=__doc__,
)
