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
