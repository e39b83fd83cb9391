from tests.checks.tester import Case, CheckTester

T = CheckTester("graph.labelled")


def test_all_labelled_passes():
    T.valid(Case("c:client -> api:service"))


def test_unlabelled_arrow_is_partial_and_points_at_it():
    T.invalid(
        Case(
            "c:client -> api:service -[]-> db:sql_database",
            findings=[("arrow", {"source": "api", "target": "db"}, (("edge", "e2"),))],
            outcome=0.8,
        )
    )


def test_arrows_can_be_exempt():
    T.valid(Case("c:client -[]-> api:service", params={"arrows": False}))
