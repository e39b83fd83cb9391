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


@pytest.mark.parametrize(
    "endpoint",
    [
        {"method": "GET", "path": "/api/v1.0/chats/{id}/messages?cursor=&limit=50"},
        {"method": "GET", "path": "/v2beta/chats/{id}/messages?cursor=&limit=50"},
        {"method": "GET", "path": "/v1alpha1/chats/{id}/messages?pageToken="},
        {"method": "GET", "path": "/chats/{id}/messages?limit=50&api-version=2024-01-01"},
        {"method": "POST", "path": "/messages", "request": "Header Accept-Version: 1; body {chat_id, text}"},
        {"method": "POST", "path": "/messages", "request": "Accept: application/vnd.chat.v2+json"},
        {"method": "POST", "path": "/messages", "request": "X-API-Version: 3"},
    ],
)
def test_a_version_written_as_other_apis_write_it_passes(endpoint):
    """Found by writing versions as Google (v1beta), Azure (api-version=), GitHub (a media type) and
    header-versioned APIs do."""
    T.valid(Case(panels={"api": [endpoint]}))


@pytest.mark.parametrize("response", ["{messages: [...], next_cursor}", "200 {items, nextPageToken}"])
def test_a_list_whose_answer_carries_the_next_pages_cursor_is_paged(response):
    T.valid(
        Case(panels={"api": [{"method": "GET", "path": "/v1/chats/{id}/messages", "response": response}]})
    )


@pytest.mark.parametrize(
    "endpoint",
    [
        {"method": "GET", "path": "/v1/chats/{id}/messages", "response": "list of messages with a count"},
        {"method": "GET", "path": "/v1/chats/{id}/messages", "response": "the next 10,000 messages"},
    ],
)
def test_an_answer_that_only_lists_is_not_paged(endpoint):
    T.invalid(Case(panels={"api": [endpoint]}, findings=[("paging", None, None)]))


@pytest.mark.parametrize("path", ["/chats/v1ew/messages?limit=5", "/vote1/messages?limit=5"])
def test_a_word_with_a_v_and_a_digit_is_no_version(path):
    T.invalid(Case(panels={"api": [{"method": "GET", "path": path}]}, findings=[("version", None, None)]))


def test_graphql_and_grpc_endpoints_are_not_held_to_rest():
    """A GraphQL or gRPC API chosen on purpose has no versioned noun paths to judge: it lost the
    REST point for "POST /graphql: version the API" and "ChatService.SendMessage: not an HTTP
    method". Such endpoints are left out; an API of nothing else asks nothing of this check."""
    graphql = {"method": "POST", "path": "/graphql", "purpose": "query messages(chatId, before)"}
    grpc = {"method": "RPC", "path": "ChatService.SendMessage"}
    T.invalid(Case(panels={"api": [graphql, grpc]}, outcome="does_not_apply"))
    T.valid(Case(panels={"api": [graphql, grpc, {"method": "GET", "path": "/v1/health"}]}))
    T.invalid(
        Case(
            panels={"api": [graphql, {"method": "GET", "path": "/getHealth"}]},
            findings=[("version", None, None), ("verb", None, None)],
        )
    )


def test_a_path_written_without_its_first_slash_is_the_same_route():
    """ "GET v1/users/{id}" was "version the API (/v1/…)"; "GET getUser" had no verb found."""
    T.valid(Case(panels={"api": [{"method": "GET", "path": "v1/users/{id}", "purpose": "profile"}]}))
    T.invalid(
        Case(
            panels={"api": [{"method": "GET", "path": "v1/getUser", "purpose": "profile"}]},
            findings=[("verb", {"endpoint": "GET v1/getUser"}, None)],
        )
    )


@pytest.mark.parametrize(
    "endpoint",
    [
        {"method": "GET", "path": "/v1/chats", "response": 'Link: <https://api/v1/chats?page=2>; rel="next"'},
        {"method": "GET", "path": "/v1/chats", "request": "Range: items=0-49"},
        {"method": "GET", "path": "/v1/chats", "purpose": "list chats (paged, 50 a page)"},
        {"method": "GET", "path": "/v1/chats", "request": "last_seen_id, n"},
        {"method": "GET", "path": "/v1/chats", "response": "{Items, LastEvaluatedKey}"},
    ],
)
def test_paging_as_other_apis_write_it(endpoint):
    """A Link header's rel="next" (GitHub's), a Range of items, keyset paging by the last id seen,
    DynamoDB's LastEvaluatedKey, a purpose that says "paged": each was "page it"."""
    T.valid(Case(panels={"api": [endpoint]}))


@pytest.mark.parametrize(
    "path",
    [
        "/v1/status",
        "/v1/chats/{id}/status",
        "/v1/urls/{code}/stats",
        "/v1/urls/{code}/analytics",
        "/v1/metrics",
        "/v1/users/{id}/settings",
        "/v1/users/{id}/address",
        "/v1/add-ons/{id}",
    ],
)
def test_one_thing_whose_name_ends_in_s_is_no_list(path):
    """A status, a set of settings, the stats of a link: each was "returns a list: page it" (and
    "add-ons" a verb)."""
    T.valid(Case(panels={"api": [{"method": "GET", "path": path, "purpose": "read it"}]}))


def test_a_plural_list_is_still_asked_to_page():
    T.invalid(
        Case(
            panels={"api": [{"method": "GET", "path": "/v1/topics", "purpose": "list"}]},
            findings=[("paging", None, None)],
        )
    )
