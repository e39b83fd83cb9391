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


def test_a_monitoring_box_may_stand_beside_the_design_unless_the_rubric_says_otherwise():
    """Monitoring watches every box: drawn alone beside the design, its arrows are understood."""
    T.valid(Case("c:client -> api:service\nm:monitoring"))
    T.invalid(
        Case(
            "c:client -> api:service\nm:monitoring",
            params={"exempt_kinds": []},
            findings=[("orphan", {"name": "m"}, (("node", "m"),))],
        )
    )
