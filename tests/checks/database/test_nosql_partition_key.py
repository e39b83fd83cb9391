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
