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


def test_a_list_of_kinds_is_any_of_them():
    """A URL shortener on sharded PostgreSQL reaches its store through the load balancer as surely
    as one on DynamoDB: the path's shape is what this judges, the choice of store is the database
    step's."""
    either = {
        "from_kind": "client",
        "to_kind": ["nosql_database", "sql_database"],
        "through": "load_balancer",
    }
    T.valid(Case("c:client -> lb:load_balancer -> api:service -> db:sql_database", params=either))
    T.valid(Case("c:client -> lb:load_balancer -> api:service -> db:nosql_database", params=either))
    T.invalid(
        Case(
            "c:client -> api:service -> db:sql_database",
            params=either,
            findings=[
                (
                    "missing",
                    {"to": "NoSQL database or SQL database", "through": " through a load balancer"},
                    None,
                )
            ],
        )
    )


def test_an_empty_list_of_kinds_is_refused():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        T.check.params.model_validate({"from_kind": "client", "to_kind": []})
