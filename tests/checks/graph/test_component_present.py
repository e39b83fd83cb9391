from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.component_present")


def test_present_kind_passes():
    T.valid(Case("c:client -> ws:websocket_server", params={"kinds": ["websocket_server"]}))


def test_missing_kind_fails():
    T.invalid(
        Case(
            "c:client -> api:service",
            params={"kinds": ["queue", "stream"], "min_count": 1},
            findings=[("missing", {"kinds": "queue or stream", "found": 0}, None)],
        )
    )


def test_between_requires_the_box_on_the_path():
    params = {"kinds": ["stream"], "between": ["websocket_server", "nosql_database"]}
    T.valid(Case("ws:websocket_server ~> k:stream ~> w:worker -> db:nosql_database", params=params))
    T.invalid(
        Case(
            "ws:websocket_server -> db:nosql_database\nws ~> k:stream",
            params=params,
            findings=[("missing_between", {"from": "WebSocket server", "to": "NoSQL database"}, None)],
        )
    )


def test_min_count():
    T.invalid(
        Case(
            "a:cache\nb:service -> a",
            params={"kinds": ["cache"], "min_count": 2},
            findings=[("missing", {"found": 1, "count": 2}, None)],
        )
    )


def test_an_end_of_between_may_be_several_kinds():
    params = {
        "kinds": ["queue", "stream"],
        "between": ["websocket_server", ["nosql_database", "sql_database"]],
    }
    T.valid(Case("ws:websocket_server -> q:queue -> w:worker -> db:sql_database", params=params))
    T.invalid(
        Case(
            "ws:websocket_server -> db:sql_database\nws -> q:queue",
            params=params,
            findings=[("missing_between", {"to": "NoSQL database or SQL database"}, None)],
        )
    )
