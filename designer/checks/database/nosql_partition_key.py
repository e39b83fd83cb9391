"""Require a partition key for NoSQL stores.

What it checks
    When the design uses a NoSQL store (a ``nosql_database`` box, or a NoSQL product named in the
    choice), the database panel states how data is partitioned: a composite primary key in the DDL,
    or the words "partition key", "partitioned by", "shard key" or "hash key" in the choice, notes or
    documents.

Why it matters
    A NoSQL store scales by partition; the partition key decides hot spots and which queries are
    cheap (framework: database design).

Example
    ``PRIMARY KEY ((chat_id), id)`` passes; a Cassandra choice with no key fails.

Params
    none.

Known limits
    Whether the key spreads the load evenly is the interviewer's call.
"""

from __future__ import annotations

from designer.checks.base import Check, DoesNotApply, Finding, SessionView, panel
from designer.checks.text import mentions_any

NOSQL = [
    "nosql",
    "cassandra",
    "dynamodb",
    "mongodb",
    "mongo",
    "hbase",
    "bigtable",
    "scylladb",
    "key value",
    "wide column",
    "document store",
    "couchbase",
]
PARTITION_WORDS = [
    "partition key",
    "partitioned by",
    "partition by",
    "shard key",
    "sharded by",
    "hash key",
    "partition on",
    "shard on",
]


def run(view: SessionView, params):
    database = view.panels["database"]
    uses = view.of_kind("nosql_database") or mentions_any(database["choice"], NOSQL)
    if not uses:
        yield DoesNotApply("no_nosql")
        return
    text = " ".join([database["choice"], database["notes"], database["documents"]])
    said = mentions_any(text, PARTITION_WORDS)
    composite = [t.name for t in view.schema.tables.values() if len(t.primary_key) >= 2]
    if said or composite:
        how = f"“{said}”" if said else f"the composite key of {composite[0]}"
        yield Finding("partitioned", {"how": how}, (panel("database"),), passed=True)
    else:
        yield Finding("missing", {}, (panel("database.choice"),))


CHECK = Check(
    id="database.nosql_partition_key",
    statement="Every NoSQL store has a partition key",
    summary="Require a partition key for NoSQL stores",
    messages={
        "partitioned": "The NoSQL data is partitioned ({how}).",
        "missing": "The design uses NoSQL but never says how data is partitioned: name the partition key.",
        "no_nosql": "The design uses no NoSQL store.",
    },
    run=run,
    points=1,
    serves="Database design",
    doc=__doc__,
)
