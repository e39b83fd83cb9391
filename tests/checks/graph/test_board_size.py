from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.board_size")


def test_size_within_range_passes():
    T.valid(Case("a:client -> b -> c -> d"))


def test_too_small_and_too_big():
    T.invalid(Case("a:client -> b", findings=[("too_small", {"count": 2, "min": 4}, None)]))
    chain = " -> ".join(f"n{i}" for i in range(12))
    T.invalid(Case(chain, params={"max_nodes": 10}, findings=[("too_big", {"count": 12}, None)]))
