from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.datastores_replicated")


def test_replicas_replication_or_sharding_pass():
    T.valid(Case("c:client -> api:service -> db:sql_database*3"))
    T.valid(Case("c:client -> api:service -> db:sql_database\ndb => r:read_replica"))
    T.valid(Case("c:client -> api:service -> sharded-db:nosql_database"))


def test_single_node_fails():
    T.invalid(
        Case(
            "c:client -> api:service -> db:sql_database",
            findings=[("single", {"store": "db"}, (("node", "db"),))],
        )
    )


def test_stores_no_client_reaches_are_not_judged():
    T.valid(Case("c:client -> api:service\nbatch:worker -> db:sql_database"))
