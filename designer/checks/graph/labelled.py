"""Require a label on every box and every arrow.

What it checks
    Every box has a label of its own (not blank), and every arrow says what flows along it.

Why it matters
    "Draw clear diagrams with labels" is on the success checklist: an unlabelled arrow hides the
    protocol and the data, and the interviewer has to ask.

Example
    ``api → db`` labelled "write message" passes; the same arrow with no label fails, pointing at it.

Params
    ``boxes`` (default true), ``arrows`` (default true): which to require labels on.

Known limits
    A label that only repeats the kind ("Service") still counts as a label.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, Finding, Partial, SessionView, edge, node


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    boxes: bool = True
    arrows: bool = True


def run(view: SessionView, params: Params):
    missing = 0
    total = 0
    if params.boxes:
        for box, attrs in view.graph.nodes(data=True):
            total += 1
            if not (attrs.get("label") or "").strip():
                missing += 1
                yield Finding("box", {"id": box, "kind": view.kind(box)}, (node(box),))
    if params.arrows:
        for source, target, attrs in view.graph.edges(data=True):
            total += 1
            if not (attrs.get("label") or "").strip():
                missing += 1
                yield Finding(
                    "arrow",
                    {"source": view.label(source), "target": view.label(target)},
                    (edge(attrs["id"]),),
                )
    if total and not missing:
        yield Finding("all", {"count": total}, passed=True)
    elif missing and missing < total:
        yield Partial(1 - missing / total)


CHECK = Check(
    id="graph.labelled",
    statement="Every box and arrow is labelled",
    summary="Require a label on every box and every arrow",
    messages={
        "all": "All {count} boxes and arrows are labelled.",
        "empty": "There are no boxes yet: draw the design, with a label on each box and arrow.",
        "box": "The {kind} box {id} has no label: name what it is.",
        "arrow": "The arrow {source} → {target} has no label: say what flows along it.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Draw clear diagrams with labels",
    doc=__doc__,
)
