from tests.checks.tester import Case, CheckTester

T = CheckTester("process.start_simple")


def snapshot(n):
    return {
        "at": n * 10,
        "board": {"nodes": [{"data": {"id": f"n{i}", "kind": "service"}} for i in range(n)], "edges": []},
    }


def test_small_start_that_grows_passes():
    T.valid(Case("a:client -> b -> c -> d -> e -> f -> g", history=[snapshot(3), snapshot(7)]))


def test_big_start_fails_and_no_growth_fails():
    T.invalid(Case("a -> b", history=[snapshot(12)], findings=[("big_start", {"first": 12, "max": 6}, None)]))
    T.invalid(
        Case("a -> b -> c", history=[snapshot(3)], findings=[("no_growth", {"first": 3, "final": 3}, None)])
    )


def test_without_history_does_not_apply():
    T.invalid(Case("a -> b", outcome="does_not_apply"))
