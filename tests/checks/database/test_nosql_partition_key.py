import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("database.nosql_partition_key")


def test_partition_stated_or_composite_key_passes():
    T.valid(Case(panels={"database": {"choice": "Cassandra, partitioned by chat_id"}}))
    T.valid(
        Case(
            "api:service -> db:nosql_database",
            panels={"database": {"ddl": "CREATE TABLE m (a INT, b INT, PRIMARY KEY ((a), b))"}},
        )
    )


def test_nosql_without_partition_key_fails():
    T.invalid(
        Case(
            panels={"database": {"choice": "DynamoDB because it scales"}}, findings=[("missing", None, None)]
        )
    )


def test_sql_only_does_not_apply():
    T.invalid(Case(panels={"database": {"choice": "PostgreSQL for transactions"}}, outcome="does_not_apply"))


@pytest.mark.parametrize(
    "choice",
    [
        "Cassandra; messages sharded on conversation_id",
        "DynamoDB with messages partitioned on chat_id",
        "Bigtable, row key is sensor_id#timestamp",
        "DynamoDB single-table design, keyed by user_id",
        "Cassandra: the partitioning is by chat id, clustering by time",
        "MongoDB sharding by user_id (hashed)",
        "Cosmos DB, partition key /tenantId",
        "DynamoDB: hash key user_id, range key created_at",
        "Cassandra with consistent hashing on user_id",
    ],
)
def test_partitioning_in_other_words_passes(choice):
    T.valid(Case(panels={"database": {"choice": choice}}))


@pytest.mark.parametrize(
    "choice", ["Cosmos DB because it is global", "Firestore since clients sync", "ScyllaDB for writes"]
)
def test_every_nosql_store_is_held_to_it(choice):
    # these used to be "no NoSQL store here", so the missing partition key was never asked for
    T.invalid(Case(panels={"database": {"choice": choice}}, findings=[("missing", None, None)]))


def test_every_nosql_word_the_importers_know_is_nosql_here():
    from designer.checks.database.nosql_partition_key import NOSQL
    from designer.kinds import KIND_RULES

    graphs_and_series = {"neo4j", "graph database", "graph db", "influxdb", "time series"}
    graphs_and_series |= {
        "pinecone",
        "milvus",
        "weaviate",
        "qdrant",
        "vector database",
        "vector db",
        "vector store",
    }
    assert {w for kind, ws in KIND_RULES if kind == "nosql_database" for w in ws} - graphs_and_series <= set(
        NOSQL
    )


@pytest.mark.parametrize(
    "documents",
    [
        "Table messages (DynamoDB)\n  PK: chat_id\n  SK: message_id\nGSI user_chats: PK user_id",
        "single-table design: pk = CHAT#<chat_id>, sk = MSG#<ts>",
        'Cosmos container messages, partitionKey: "/chatId"',
        "messages collection, chat_id as the shard key",
        "Cassandra table messages with chat_id as partition and message_id as clustering column",
        "PRIMARY KEY ((chat_id, bucket), message_id)",
        # each of these was "no partition key":
        "messages: { chatId (partition), sentAt (sort), body }",
        "Key schema: chat_id (HASH), ts (RANGE)",
        '{"KeySchema": [{"AttributeName": "chatId", "KeyType": "HASH"}, {"AttributeName": "ts", "KeyType": "RANGE"}]}',
        "sh.shardCollection('chat.messages', {chat_id: 'hashed'})",
        "messages_by_chat: ((chat_id, bucket), message_id), bucket = day",
        "Partitioned per conversation; each partition holds one day of messages",
    ],
)
def test_a_partition_key_written_as_nosql_designs_write_it_is_one(documents):
    """Found by writing a DynamoDB single-table design as its documentation does (PK/SK), Cosmos DB's
    partitionKey, "as the partition", and a CQL key in the documents: each was "no partition key"."""
    T.valid(
        Case("c:client -> api:service -> db:nosql_database", panels={"database": {"documents": documents}})
    )


@pytest.mark.parametrize(
    "documents",
    [
        "messages: {id, chat_id, body}",
        "SK: message_id only",
        "pk is a good idea",
        "one document per chat with embedded messages",
        "sentAt (sort), body (range of text)",
        "fetch (partial) results",
    ],
)
def test_no_key_named_is_no_partition_key(documents):
    T.invalid(
        Case(
            "c:client -> api:service -> db:nosql_database",
            panels={"database": {"documents": documents}},
            findings=[("missing", None, None)],
        )
    )
