"""Require the SQL-or-NoSQL choice to be stated with a reason.

What it checks
    The database choice names a kind of store (SQL, NoSQL, RDBMS, a graph or time-series store, or
    a product such as PostgreSQL, MariaDB, Cassandra, DynamoDB, Cosmos DB, Neo4j, ClickHouse) and
    gives a reason, in at least ``min_words`` words: a word that introduces one ("because", "for",
    "since", "due to", "which", "to handle", a colon, a dash, a parenthesis) or the qualities one is
    made of ("write-heavy", "partitioned", "joins", "consistency", "latency", "scales"). A reason
    made of such qualities may be terse, half as many words ("Postgres: ACID transactions and
    joins", "Cassandra — write-heavy, scales linearly").

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

#: Words that name a kind of store or a product, most specific first: the first one found is the one
#: the message names ("Vitess-sharded MySQL" is Vitess). The importers' words for SQL and NoSQL boxes
#: (``designer/kinds.py``) are all here, a test says so.
STORES = [
    # products built on or compatible with another: named before what they build on
    "aurora",
    "vitess",
    "tidb",
    "planetscale",
    "citus",
    "yugabytedb",
    "yugabyte",
    "cockroachdb",
    "spanner",
    "timescaledb",
    "clickhouse",
    "redshift",
    "bigquery",
    "snowflake",
    "databricks",
    "trino",
    "presto",
    "athena",
    "pgvector",
    "data warehouse",
    "rds",
    "cloud sql",
    "azure sql",
    "sql server",
    "mariadb",
    "postgresql",
    "postgres",
    "mysql",
    "oracle",
    "sqlite",
    "cassandra",
    "scylladb",
    "scylla",
    "dynamodb",
    "dynamo",
    "keyspaces",
    "documentdb",
    "mongodb",
    "mongo",
    "couchbase",
    "couchdb",
    "cosmos db",
    "cosmosdb",
    "firestore",
    "hbase",
    "bigtable",
    "riak",
    "foundationdb",
    "neo4j",
    "janusgraph",
    "arangodb",
    "influxdb",
    "pinecone",
    "milvus",
    "weaviate",
    "qdrant",
    "druid",
    "pinot",
    "redis",
    "elasticsearch",
    "opensearch",
    "s3",
    # kinds of store
    "rdbms",
    "relational",
    "nosql",
    "sql",
    "key value store",
    "key value",
    "document store",
    "document database",
    "wide column",
    "graph database",
    "graph db",
    "time series",
    "vector database",
    "vector db",
    "vector store",
]
#: Words that introduce a reason ("because", "due to", "which scales…", "to handle…", a colon, a dash,
#: a parenthesis)…
_REASON = re.compile(
    r"\bbecause\b|\bfor\b|\bsince\b|\bso\b|:|—|–|-\s|\(|\bgiven\b|\bas\b|\bwhich\b|\bdue to\b"
    r"|\bthanks to\b|\bto (?:handle|scale|support|serve|store|keep|get|avoid|allow|absorb|sustain|meet|guarantee"
    r"|ensure|spread|shard|partition)\b",
    re.I,
)
#: …or the qualities a reason is made of, written without one ("Cassandra, write-heavy workload,
#: partitioned by chat"; "It handles high write throughput well"): a word's start is enough.
_QUALITY = re.compile(
    r"\b(?:consisten|acid\b|transaction|join|schema|scal|horizontal|heavy|throughput|latency|partition"
    r"|shard|replic|availab|durab|flexib|quer|index|ttl\b|time.series|access pattern|workload|structured"
    r"|integrity|constraint|analytic|aggregat|travers|mature|managed|cost|cheap|multi.region|geo|offline"
    r"|columnar|fast|simple|familiar|expertise|proven|ecosystem|volume|append|range scan)",
    re.I,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_words: int = Field(default=6, ge=1)


def run(view: SessionView, params: Params):
    choice = view.panels["database"]["choice"]
    store = mentions_any(choice, STORES)
    words = len(choice.split())
    # A reason made of qualities may be terse ("Postgres: ACID transactions and joins"); one that is
    # only a connector needs the words to say something ("DynamoDB — popular" does not).
    quality = _QUALITY.search(choice)
    long_enough = words >= params.min_words or (quality and words >= (params.min_words + 1) // 2)
    if store and (_REASON.search(choice) or quality) and long_enough:
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
