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


import pytest  # noqa: E402

CHAT_OPS = {
    "operations": [
        {"name": "send a message", "methods": ["POST", "WS"], "keywords": ["message", "messages", "send"]},
        {"name": "read a chat's history", "methods": ["GET"], "keywords": ["message", "messages", "history"]},
        {
            "name": "mark messages read",
            "methods": ["PUT", "POST", "PATCH", "WS"],
            "keywords": ["read", "receipt", "ack", "seen"],
        },
    ]
}


@pytest.mark.parametrize(
    "api",
    [
        [  # camelCase paths and names
            {"method": "POST", "path": "/v1/chats/{chatId}/messages"},
            {"method": "GET", "path": "/v1/chats/{chatId}/messages?before="},
            {"method": "POST", "path": "/v1/chats/{chatId}/readReceipts"},
        ],
        [  # GraphQL: a query reads, a mutation writes, whatever the POST they travel in
            {"method": "POST", "path": "/graphql", "purpose": "mutation sendMessage(chatId, text)"},
            {
                "method": "POST",
                "path": "/graphql",
                "purpose": "query messages(chatId, before, limit): chat history",
            },
            {"method": "POST", "path": "/graphql", "purpose": "mutation markRead(chatId, upTo)"},
        ],
        [  # gRPC: no HTTP method says what a call does
            {"method": "RPC", "path": "ChatService.SendMessage"},
            {"method": "gRPC", "path": "ChatService.GetHistory", "purpose": "page through a chat"},
            {"method": "", "path": "rpc MarkRead(MarkReadRequest) returns (Empty)"},
        ],
    ],
    ids=["camel-case", "graphql", "grpc"],
)
def test_an_api_in_other_styles_serves_the_operations(api):
    """Found by writing the chat API as other designs do: camelCase paths (/readReceipts), GraphQL
    queries and mutations, gRPC services. Each operation was "missing"."""
    T.valid(Case(panels={"api": api}, params=CHAT_OPS))


def test_a_graphql_query_is_no_write_and_a_mutation_no_read():
    ops = {
        "operations": [
            {"name": "place an order", "methods": ["POST"], "keywords": ["place"]},
            {"name": "list orders", "methods": ["GET"], "keywords": ["list"]},
        ]
    }
    api = [
        {"method": "POST", "path": "/graphql", "purpose": "query placeOrder"},
        {"method": "POST", "path": "/graphql", "purpose": "mutation listOrders"},
    ]
    T.invalid(
        Case(
            panels={"api": api},
            params=ops,
            findings=[
                ("missing", {"operation": "place an order"}, None),
                ("missing", {"operation": "list orders"}, None),
            ],
        )
    )
    T.valid(
        Case(
            panels={
                "api": [
                    {**api[0], "purpose": "mutation placeOrder"},
                    {**api[1], "purpose": "query listOrders"},
                ]
            },
            params=ops,
        )
    )
