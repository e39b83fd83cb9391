import pytest

from tests.checks.tester import Case, CheckTester

T = CheckTester("api.rest_conventions")


def test_restful_endpoints_pass():
    T.valid(
        Case(
            panels={
                "api": [
                    {"method": "POST", "path": "/v1/messages"},
                    {"method": "GET", "path": "/v1/chats/{id}/messages?before={cursor}&limit=50"},
                    {"method": "GET", "path": "/api/v2/users/{id}"},
                    {"method": "WS", "path": "/v1/stream"},
                ]
            }
        )
    )


def test_verbs_versions_and_paging():
    T.invalid(
        Case(
            panels={
                "api": [{"method": "GET", "path": "/getMessages"}, {"method": "POST", "path": "/v1/posts"}]
            },
            findings=[
                ("version", None, (("panel", "api[0]"),)),
                ("verb", None, None),
                ("paging", None, None),
            ],
            outcome=0.5,
        )
    )


def test_only_realtime_channels_is_not_assessable():
    T.invalid(Case(panels={"api": [{"method": "WS", "path": "/v1/stream"}]}, outcome="not_assessable"))


def test_nouns_that_start_like_verbs_and_paging_in_other_words_pass():
    """/addresses, /settings, /updates and /listings are nouns; pageToken, per_page, max_results
    and since_id page a list as limit and cursor do."""
    T.valid(
        Case(
            panels={
                "api": [
                    {"method": "GET", "path": "/v1/users/{id}/addresses?pageToken={t}"},
                    {"method": "PUT", "path": "/v1/users/{id}/settings"},
                    {"method": "GET", "path": "/v1/updates", "request": "per_page, page"},
                    {"method": "GET", "path": "/v1/listings?max_results=50&nextToken={t}"},
                    {"method": "GET", "path": "/v1/timelines/{id}/tweets?since_id={id}&count=20"},
                    {"method": "GET", "path": "/v1/chats/{id}/messages", "request": "paginated by cursor"},
                ]
            }
        )
    )


def test_verbs_in_any_case_or_separator_still_fail():
    for path in (
        "/v1/getMessages",
        "/v1/get_messages",
        "/v1/create-user",
        "/v1/users/{id}/delete",
        "/v1/Update",
    ):
        T.invalid(
            Case(panels={"api": [{"method": "POST", "path": path}]}, findings=[("verb", None, None)]),
        )


@pytest.mark.parametrize(
    "path",
    [
        "/v1/photos?skip=20&take=20",  # Prisma, .NET
        "/v1/photos?$top=20&$skip=40",  # OData
        "/v1/tweets?start={t}&end={t2}",  # a range
        "/v1/objects?start_after={key}&size=100",  # S3's ListObjectsV2
        "/v1/items",
    ],
)
def test_paging_as_other_apis_write_it_passes(path):
    request = "ExclusiveStartKey from the last page" if path == "/v1/items" else ""  # DynamoDB
    T.valid(Case(panels={"api": [{"method": "GET", "path": path, "request": request}]}))
