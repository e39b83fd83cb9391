from tests.checks.tester import Case, CheckTester

T = CheckTester("api.endpoints_present")
P = {
    "operations": [
        {"name": "send", "methods": ["POST"], "keywords": ["message"]},
        {"name": "history", "methods": ["GET"], "keywords": ["history", "messages"]},
    ]
}


def test_operations_served_pass():
    T.valid(
        Case(
            panels={
                "api": [
                    {"method": "POST", "path": "/v1/messages"},
                    {"method": "GET", "path": "/v1/chats/{id}/messages"},
                ]
            },
            params=P,
        )
    )


def test_missing_operation_is_partial():
    T.invalid(
        Case(
            panels={"api": [{"method": "GET", "path": "/v1/messages"}]},
            params=P,
            findings=[("missing", {"operation": "send", "methods": "POST"}, None)],
            outcome=0.5,
        )
    )


def test_an_endpoint_typed_whole_into_its_path_is_read_as_method_and_path():
    # "POST /v1/messages" in the path, the method left blank (or repeated): the endpoint is there,
    # and was reported missing, and as "(none) is not an HTTP method" by the REST check
    written = [
        {"method": "", "path": "POST /v1/messages"},
        {"method": "get", "path": "GET /v1/chats/{id}/messages?cursor={c}&limit=50"},
    ]
    T.valid(Case(panels={"api": written}, params=P))
    CheckTester("api.rest_conventions").valid(Case(panels={"api": written}))


def test_abbreviated_resource_names_are_read_in_full():
    T.valid(
        Case(
            panels={
                "api": [
                    {"method": "POST", "path": "/v1/msgs"},
                    {"method": "GET", "path": "/v1/chats/{id}/msgs"},
                ]
            },
            params=P,
        )
    )
