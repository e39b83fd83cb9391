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
