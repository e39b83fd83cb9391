"""Require the SQL-or-NoSQL choice to be stated with a reason.

What it checks
    The database choice names a kind of store (SQL, NoSQL, or a product such as PostgreSQL,
    Cassandra, DynamoDB) and gives a reason ("because", "for", "since", a colon), in at least
    ``min_words`` words.

Why it matters
    "What database should we use?" is for the candidate to decide, and to defend (framework:
    database design).

Example
    "Cassandra for messages: write-heavy, partitioned by chat" passes; "Postgres" fails.

Params
    ``min_words`` (default 6).

Known limits
    The reason is recognised by its shape, not judged.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from designer.checks.base import Check, Finding, SessionView, panel
from designer.checks.text import mentions_any

STORES = [
    "sql",
    "nosql",
    "relational",
    "postgres",
    "postgresql",
    "mysql",
    "cassandra",
    "dynamodb",
    "mongodb",
    "mongo",
    "redis",
    "hbase",
    "bigtable",
    "spanner",
    "cockroachdb",
    "key value",
    "document store",
    "wide column",
    "s3",
    "elasticsearch",
    "sqlite",
    "scylladb",
]
_REASON = re.compile(r"(\bbecause\b|\bfor\b|\bsince\b|\bso\b|:|—|-\s|\bgiven\b|\bas\b)", re.I)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_words: int = Field(default=6, ge=1)


def run(view: SessionView, params: Params):
    choice = view.panels["database"]["choice"]
    store = mentions_any(choice, STORES)
    words = len(choice.split())
    if store and _REASON.search(choice) and words >= params.min_words:
        yield Finding("justified", {"store": store}, (panel("database.choice"),), passed=True)
    elif not choice.strip():
        yield Finding("missing", {}, (panel("database.choice"),))
    elif not store:
        yield Finding("no_store", {}, (panel("database.choice"),))
    else:
        yield Finding("no_reason", {"store": store}, (panel("database.choice"),))


CHECK = Check(
    id="database.choice_justified",
    statement="The choice of SQL or NoSQL is stated with a reason",
    summary="Require the SQL-or-NoSQL choice to be stated with a reason",
    messages={
        "justified": "The choice of {store} comes with its reason.",
        "missing": "The database choice is empty: say which store and why.",
        "no_store": "The database choice names no kind of store: SQL or NoSQL, and which?",
        "no_reason": "The choice of {store} has no reason: say why it fits the access patterns.",
    },
    run=run,
    params=Params,
    points=1,
    serves="Database design",
    doc=__doc__,
)
