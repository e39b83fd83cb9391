import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.no_direct_datastore_access")


@pytest.mark.parametrize(
    "case",
    [
        Case("c:client -> lb:load_balancer -> api:service -> db:sql_database"),
        Case("c:client -> s3:object_storage", params={"allow_kinds": ["object_storage"]}),
        Case("c:client -> cache:cache"),  # a cache is not a datastore
    ],
)
def test_clients_behind_services_pass(case):
    T.valid(case)


def test_client_wired_to_database_fails_pointing_at_the_arrow():
    T.invalid(
        Case(
            "c:client -> api:service -> db:sql_database\nc -> db",
            findings=[("direct", {"client": "c", "datastore": "db"}, (("edge", "e3"), ("node", "db")))],
        )
    )


def test_each_direct_arrow_is_a_finding():
    T.invalid(
        Case(
            "c:client -> db:nosql_database\nc -> s:search_index",
            findings=[("direct", {"datastore": "db"}, None), ("direct", {"datastore": "s"}, None)],
        )
    )
