from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.path_exists")
P = {"from_kind": "client", "to_kind": "sql_database", "through": "load_balancer"}


def test_path_through_the_kind_passes():
    T.valid(Case("c:client -> lb:load_balancer -> api:service -> db:sql_database", params=P))


def test_path_around_the_kind_fails():
    T.invalid(
        Case(
            "c:client -> api:service -> db:sql_database\nc -> lb:load_balancer",
            params=P,
            findings=[("missing", {"through": " through a load balancer"}, None)],
        )
    )


def test_plain_path():
    T.valid(
        Case(
            "c:client -> api:service -> db:sql_database",
            params={"from_kind": "client", "to_kind": "sql_database"},
        )
    )
    T.invalid(
        Case(
            "c:client -> api:service\ndb:sql_database -> api",
            params={"from_kind": "client", "to_kind": "sql_database"},
            findings=[("missing", {"from": "client", "to": "SQL database"}, None)],
        )
    )
