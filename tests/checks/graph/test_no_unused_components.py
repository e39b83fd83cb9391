from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.no_unused_components")


def test_used_components_pass():
    T.valid(Case("c:client -> api:service -> db:sql_database\nm:monitoring -> api"))


def test_component_nothing_calls_fails():
    T.invalid(
        Case(
            "c:client -> api:service\nk:stream -> api", findings=[("unused", {"name": "k"}, (("node", "k"),))]
        )
    )
