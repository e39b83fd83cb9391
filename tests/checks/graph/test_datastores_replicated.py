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


import pytest  # noqa: E402

_FRONT = "c:client -> lb:load_balancer*2 -> api:service*3 -> db:sql_database\n"


@pytest.mark.parametrize(
    "board",
    [
        _FRONT + "api -> rep:read_replica\ndb ~> rep",  # Mermaid's -.- between them: async
        _FRONT + "api -> rep:read_replica\ndb -> rep",
        _FRONT + "api -> rep:read_replica\nrep -> db",  # drawn from the replica, as it pulls the log
        _FRONT + "db -[streams WAL to standby]-> standby:sql_database",
        "c:client -> lb:load_balancer*2 -> api:service*3 -> r:cache -> db:sql_database*2\nr -[replication]-> r2:cache",
    ],
)
def test_an_arrow_between_a_store_and_its_replica_is_replication_whatever_its_mode(board):
    """The System Design Primer's Mint, drawn in Mermaid, links its SQL primary and read replicas
    with a dotted line (``-.-``): the import made it asynchronous, and three checks then read the
    primary as a single node with an unbuffered async arrow. An arrow between a store and a read
    replica of its family, or between two of one family whose label says replication, is read as
    replication, from the store to the copy."""
    CheckTester("graph.datastores_replicated").valid(Case(board))
    CheckTester("graph.no_single_point_of_failure").valid(Case(board))
    CheckTester("graph.async_through_queue").invalid(Case(board, outcome="does_not_apply"))


def test_a_store_calling_another_store_is_not_replication():
    board = _FRONT + "db -[nightly export]-> dw:sql_database"
    T.invalid(Case(board, findings=[("single", {"store": "db"}, None), ("single", {"store": "dw"}, None)]))
