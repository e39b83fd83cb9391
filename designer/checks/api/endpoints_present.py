"""Require endpoints for the operations the problem needs.

What it checks
    For each operation (a name, the HTTP methods that may serve it, and keywords), some endpoint
    has one of the methods and mentions a keyword in its path or purpose (plurals and short forms
    forgiven: ``/v1/msgs`` mentions "message"). An endpoint typed whole into its path ("POST
    /v1/messages", its method blank) is read as its method and path, by every API check.

Why it matters
    Step 3 of the framework: the interface is the contract; a missing operation is a feature the
    design never serves.

Example
    Operation ``{name: send a message, methods: [POST], keywords: [message]}`` passes for
    ``POST /v1/messages``.

Params
    ``operations``: a list of ``{name, methods, keywords}``; ``methods`` empty means any.

Known limits
    Request and response shapes are not judged.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, Partial, SessionView, panel
from designer.checks.text import mentions_any


class Operation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    methods: list[str] = []
    keywords: list[str] = Field(min_length=1)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operations: list[Operation] = Field(min_length=1)


def run(view: SessionView, params: Params):
    endpoints = view.panels["api"]
    found = 0
    for operation in params.operations:
        methods = {m.upper() for m in operation.methods}
        match = next(
            (
                i
                for i, e in enumerate(endpoints)
                if (not methods or e.get("method", "").strip().upper() in methods)
                and mentions_any(
                    f"{e.get('path', '')} {e.get('purpose', '')}".replace("/", " "), operation.keywords
                )
            ),
            None,
        )
        if match is None:
            yield Finding(
                "missing",
                {"operation": operation.name, "methods": "/".join(sorted(methods)) or "any"},
                (panel("api"),),
            )
        else:
            found += 1
            e = endpoints[match]
            yield Finding(
                "served",
                {"operation": operation.name, "endpoint": f"{e.get('method')} {e.get('path')}"},
                (panel(f"api[{match}]"),),
                passed=True,
            )
    if 0 < found < len(params.operations):
        yield Partial(found / len(params.operations))


CHECK = Check(
    id="api.endpoints_present",
    statement="The API has an endpoint for each operation the problem needs",
    summary="Require endpoints for the operations the problem needs",
    messages={
        "served": "{operation}: {endpoint}.",
        "missing": "No endpoint serves “{operation}” ({methods}): add one.",
    },
    run=run,
    params=Params,
    points=2,
    serves="Define system interface",
    doc=__doc__,
)
