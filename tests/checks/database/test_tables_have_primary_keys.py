from pathlib import Path

import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("database.tables_have_primary_keys")


def ddl(text):
    return {"database": {"ddl": text}}


def test_keyed_tables_pass():
    T.valid(
        Case(
            panels=ddl(
                "CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE b (x INT, y INT, PRIMARY KEY ((x), y))"
            )
        )
    )


def test_keyless_table_fails():
    T.invalid(
        Case(
            panels=ddl("CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE logs (at TIMESTAMP)"),
            findings=[("no_key", {"table": "logs"}, (("panel", "database.ddl"),))],
        )
    )


def test_no_ddl_is_not_assessable():
    T.invalid(Case(outcome="not_assessable"))


DYNAMO = "Table messages (DynamoDB)\n  PK: chat_id\n  SK: message_id\nGSI user_chats: PK user_id"


def test_a_design_written_as_nosql_documents_has_no_ddl_to_judge():
    """A DynamoDB or MongoDB design has no CREATE TABLE to write: "write a CREATE TABLE for each
    table" was wrong advice, and a point lost."""
    T.invalid(
        Case(
            "c:client -> api:service -> db:nosql_database",
            panels={"database": {"documents": DYNAMO}},
            outcome="does_not_apply",
        )
    )
    CheckTester("database.access_patterns_indexed").invalid(
        Case(
            "c:client -> api:service -> db:nosql_database",
            panels={
                "database": {"documents": DYNAMO, "access_patterns": ["messages of a chat, newest first"]}
            },
            outcome="does_not_apply",
        )
    )


def test_no_ddl_and_no_documents_or_sql_documents_is_still_an_omission():
    T.invalid(Case("c:client -> api:service -> db:nosql_database", outcome="not_assessable"))
    T.invalid(
        Case(
            "c:client -> api:service -> db:sql_database",
            panels={"database": {"documents": "users: id, name, email"}},
            outcome="not_assessable",
        )
    )


DUMPS = sorted((Path(__file__).resolve().parents[2] / "data" / "ddl").glob("chat.*.sql"))


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.name)
def test_a_schema_as_database_tools_dump_it_has_its_keys(dump):
    """pg_dump (and a schema typed as it) adds each key after its table with ALTER TABLE: every
    table failed as keyless."""
    T.valid(Case(panels=ddl(dump.read_text())))


REDIS_KEYS = (
    "Key: rl:{client_id}:{window_start} -> count (INCR, EXPIRE 60)\nKey: rules:{api_key} -> JSON rule"
)


@pytest.mark.parametrize(
    "choice", ["Redis (atomic INCR, TTL per window)", "Valkey cluster", "etcd for the rules"]
)
def test_a_key_value_design_has_no_ddl_to_judge(choice):
    """A rate limiter's counters kept as Redis keys: "write a CREATE TABLE" was wrong advice there
    too, and three points lost (the keys and the access patterns)."""
    panels = {
        "database": {"choice": choice, "documents": REDIS_KEYS, "access_patterns": ["counter of a client"]}
    }
    T.invalid(Case("c:client -> api:service -> r:cache", panels=panels, outcome="does_not_apply"))
    CheckTester("database.access_patterns_indexed").invalid(
        Case("c:client -> api:service -> r:cache", panels=panels, outcome="does_not_apply")
    )


def test_a_cache_beside_a_relational_design_without_ddl_is_still_an_omission():
    panels = {
        "database": {"choice": "Postgres, with Redis as a cache", "documents": "users: id, name, email"}
    }
    T.invalid(Case("c:client -> api:service -> db:sql_database", panels=panels, outcome="not_assessable"))
