import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("database.choice_justified")


def test_choice_with_reason_passes():
    T.valid(Case(panels={"database": {"choice": "Cassandra for messages: write-heavy, partitioned by chat"}}))


def test_bare_choice_fails():
    T.invalid(
        Case(
            panels={"database": {"choice": "Postgres"}}, findings=[("no_reason", {"store": "postgres"}, None)]
        )
    )
    T.invalid(Case(panels={"database": {"choice": ""}}, findings=[("missing", None, None)]))
    T.invalid(
        Case(
            panels={"database": {"choice": "whatever is fastest because speed matters a lot"}},
            findings=[("no_store", None, None)],
        )
    )


# Choices written as people write them, each naming a store and saying why. Before, half were refused:
# the store was not on the list (MariaDB, Cosmos DB, Oracle, Neo4j, ClickHouse, RDBMS…) or the reason
# had no "because" ("which scales…", "due to…", "to handle…", a list of qualities after a comma).
@pytest.mark.parametrize(
    "choice, store",
    [
        ("Cosmos DB: global distribution with tunable consistency", "cosmos db"),
        ("Firestore since the mobile clients sync offline", "firestore"),
        ("Oracle because the company already runs it", "oracle"),
        ("Neo4j because the social graph is traversed a lot", "neo4j"),
        ("ClickHouse for the analytics events: columnar, fast aggregations", "clickhouse"),
        ("Couchbase, given the document model and built-in caching", "couchbase"),
        ("RDBMS because strong consistency matters for balances", "rdbms"),
        ("DynamoDB, which scales writes horizontally with single-digit ms latency", "dynamodb"),
        ("Cassandra, write-heavy workload, partitioned by chat_id", "cassandra"),
        ("Going with Mongo due to the flexible schema of posts", "mongo"),
        ("ScyllaDB to handle 1M writes/s with low p99", "scylladb"),
        ("We use Cassandra. It handles high write throughput well.", "cassandra"),
        ("TiDB (MySQL-compatible, horizontally scalable) for the orders", "tidb"),
        ("Vitess-sharded MySQL to scale writes beyond one primary", "vitess"),
        ("MariaDB: relational data with many joins", "mariadb"),
        # terse, but made of a reason's qualities: each was "no reason" at fewer than six words
        ("Cassandra — write-heavy, scales linearly", "cassandra"),
        ("Postgres: ACID transactions and joins", "postgres"),
        ("Cassandra, given the write volume", "cassandra"),
        ("Cassandra => high write throughput", "cassandra"),
    ],
)
def test_choices_in_other_words_pass(choice, store):
    T.valid(Case(panels={"database": {"choice": choice}}))
    findings, _, _ = T.outcome(Case(panels={"database": {"choice": choice}}))
    assert findings[0].data["store"] == store


@pytest.mark.parametrize(
    "choice",
    [
        "Postgres and Redis and S3 and Kafka",
        "MySQL, Redis, Cassandra, S3, Kafka, Elasticsearch",
        "We will use a Cassandra cluster here",
        "DynamoDB — popular",
        "Cassandra: fast",
    ],
)
def test_stores_named_without_a_reason_still_fail(choice):
    T.invalid(Case(panels={"database": {"choice": choice}}, findings=[("no_reason", None, None)]))


def test_every_database_word_the_importers_know_names_a_store():
    from designer.checks.database.choice_justified import STORES
    from designer.kinds import KIND_RULES

    words = {w for kind, ws in KIND_RULES if kind in {"sql_database", "nosql_database"} for w in ws}
    assert words - {"database", "db"} <= set(STORES)
