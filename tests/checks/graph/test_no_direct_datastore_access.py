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


@pytest.mark.parametrize(
    "label", ["upload via presigned URL", "PUT pre-signed URL", "GET signed URL", "SAS token upload"]
)
def test_an_upload_to_object_storage_through_a_signed_url_said_on_the_arrow_passes(label):
    """The textbook way media reaches S3: the service signs a URL, the client uploads with it."""
    T.valid(Case(f"c:client -> api:service -> s3:object_storage\nc -[{label}]-> s3"))


def test_an_unsigned_arrow_to_object_storage_or_a_signed_one_to_a_database_still_fails():
    T.invalid(
        Case(
            "c:client -[upload]-> s3:object_storage", findings=[("direct_storage", {"datastore": "s3"}, None)]
        )
    )
    T.invalid(
        Case("c:client -[signed URL]-> db:sql_database", findings=[("direct", {"datastore": "db"}, None)])
    )
