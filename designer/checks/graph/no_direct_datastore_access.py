"""Disallow clients that talk straight to a datastore.

What it checks
    No arrow goes from a ``client`` box to a datastore (SQL, NoSQL, read replica, object storage,
    search index).

Why it matters
    A client wired to the database skips authentication, validation, rate limiting and caching,
    and ties every app version to the schema (framework: high-level design).

Example
    ``mobile → db`` fails; ``mobile → lb → api → db`` passes. Uploads straight to object storage
    through presigned URLs are the usual exception: an arrow to object storage that says so
    ("upload via presigned URL", "signed URL", "SAS token") passes; ``allow_kinds`` allows a kind
    outright.

Params
    ``allow_kinds``: datastore kinds a client may reach directly (default none).

Known limits
    Only direct arrows are judged; a path through an ``other`` box that is really a database proxy
    is not recognised.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from designer.checks.base import Check, Finding, SessionView, edge, node
from designer.session_format import DATASTORE_KINDS


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    allow_kinds: list[str] = []


# An arrow that says the client holds a URL the service signed (S3's and GCS's presigned URLs,
# Azure's SAS tokens): the service decided what the client may touch, and for how long.
_SIGNED = re.compile(r"\b(?:pre-?signed|signed (?:url|cookie)s?|sas(?: token)?)\b", re.I)


def run(view: SessionView, params: Params):
    found = False
    for client in view.clients:
        for target in view.graph.successors(client):
            if view.kind(target) in DATASTORE_KINDS and view.kind(target) not in params.allow_kinds:
                for edge_id in view.edges_between(client, target):
                    label = view.graph[client][target][edge_id].get("label") or ""
                    if view.kind(target) == "object_storage" and _SIGNED.search(label):
                        continue
                    found = True
                    yield Finding(
                        "direct_storage" if view.kind(target) == "object_storage" else "direct",
                        {"client": view.label(client), "datastore": view.label(target)},
                        (node(client), node(target), edge(edge_id)),
                    )
    if view.clients and not found:
        yield Finding("none", {}, passed=True)


CHECK = Check(
    id="graph.no_direct_datastore_access",
    statement="Clients reach the data only through a service",
    summary="Disallow clients that talk straight to a datastore",
    messages={
        "direct": "{client} talks straight to {datastore}. Put a service (behind a load balancer) "
        "between clients and the data.",
        "direct_storage": "{client} talks straight to {datastore}. Put a service between clients and "
        "the files, or, for uploads and downloads with a URL the service signed, say so on the arrow "
        "(“presigned URL”).",
        "none": "No client talks straight to a datastore.",
        "empty": "There are no clients or datastores yet: draw the path from the clients through a service "
        "to the data.",
    },
    run=run,
    params=Params,
    points=2,
    serves="High-level design",
    doc=__doc__,
)
