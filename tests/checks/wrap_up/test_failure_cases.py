from tests.checks.tester import Case, CheckTester

T = CheckTester("wrap_up.failure_cases")


def test_failure_cases_counted():
    T.valid(
        Case(panels={"wrap_up": {"failure_cases": ["server dies: reconnect", "db fails: promote replica"]}})
    )
    T.invalid(
        Case(
            panels={"wrap_up": {"failure_cases": ["server dies"]}},
            findings=[("too_few", {"count": 1, "min": 2}, None)],
            outcome=0.5,
        )
    )
