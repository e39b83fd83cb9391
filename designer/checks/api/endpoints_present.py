"""Require endpoints for the operations the problem needs.

What it checks
    For each operation (a name, the HTTP methods that may serve it, and keywords), some endpoint
    has one of the methods and mentions a keyword in its path or purpose (plurals, short forms and
    camelCase forgiven: ``/v1/msgs`` mentions "message", ``/readReceipts`` "read"). A GraphQL
    query reads (GET), a mutation writes (POST, PUT, PATCH, DELETE) and a subscription streams (WS),
    whatever POST they travel in; a gRPC call (method ``RPC``/``gRPC``, or a path
    ``ChatService.SendMessage`` or ``rpc MarkRead(…)``) serves any method. An endpoint typed whole into its path ("POST
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

import re

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


_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# An RPC call: its method column says RPC or gRPC, or its path is "Service.Method" or "rpc Method(…)".
_RPC_METHODS = frozenset({"RPC", "GRPC"})
_RPC_PATH = re.compile(r"^\s*(?:rpc\s+\w+\s*\(|[A-Z]\w*\.[A-Z]\w*\s*(?:\(|$))")
_GRAPHQL_OPERATION = re.compile(r"\b(query|mutation|subscription)\b", re.IGNORECASE)
# camelCase and PascalCase apart ("readReceipts" → "read Receipts", "GetHistory" → "Get History").
_CASE_CHANGE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def served_methods(endpoint: dict) -> frozenset[str] | None:
    """The HTTP methods an endpoint stands for, or None for any. A gRPC call has no HTTP method to
    say what it does: any. A GraphQL operation travels in a POST, but a query reads (GET), a
    mutation writes (POST, PUT, PATCH, DELETE) and a subscription streams (WS)."""
    method = (endpoint.get("method") or "").strip().upper()
    path = endpoint.get("path") or ""
    if method in _RPC_METHODS or (not method and _RPC_PATH.match(path)):
        return None
    if method == "GRAPHQL" or path.rstrip("/").lower().endswith("graphql"):
        said = _GRAPHQL_OPERATION.search(f"{endpoint.get('purpose') or ''} {path}")
        if said is None:
            return None
        return {"query": frozenset({"GET"}), "mutation": _WRITES, "subscription": frozenset({"WS"})}[
            said.group(1).lower()
        ]
    return frozenset({method})


def _said(endpoint: dict) -> str:
    """An endpoint's path and purpose in words: "/v1/chats/{chatId}/readReceipts" → "v1 chats chat Id
    read Receipts"."""
    text = f"{endpoint.get('path') or ''} {endpoint.get('purpose') or ''}"
    return _CASE_CHANGE.sub(" ", text).replace("/", " ").replace(".", " ")


def run(view: SessionView, params: Params):
    endpoints = view.panels["api"]
    found = 0
    for operation in params.operations:
        methods = {m.upper() for m in operation.methods}
        match = next(
            (
                i
                for i, e in enumerate(endpoints)
                if (not methods or (served := served_methods(e)) is None or served & methods)
                and mentions_any(_said(e), operation.keywords)
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
