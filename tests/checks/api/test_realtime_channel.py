from tests.checks.tester import Case, CheckTester

T = CheckTester("api.realtime_channel")
RT = {"requirements": {"functional": ["Messages arrive in real time"]}}


def test_channel_or_websocket_tier_passes():
    T.valid(Case(panels={**RT, "api": [{"method": "WS", "path": "/v1/stream"}]}))
    T.valid(Case("c:client -> ws:websocket_server", panels=RT))
    T.valid(Case(panels={"requirements": {"functional": ["Shorten a URL"]}}))


def test_real_time_without_channel_fails():
    T.invalid(
        Case(
            panels={**RT, "api": [{"method": "GET", "path": "/v1/messages"}]},
            findings=[("missing", {"keyword": "real time"}, None)],
        )
    )
