from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.no_orphans")


def test_connected_passes_and_orphan_fails():
    T.valid(Case("c:client -> api:service"))
    T.invalid(
        Case(
            "c:client -> api:service\nsearch:search_index",
            findings=[("orphan", {"name": "search"}, (("node", "search"),))],
        )
    )
