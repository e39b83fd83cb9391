from tests.checks.tester import Case, CheckTester

T = CheckTester("estimates.rows_evaluate")


def test_rows_that_evaluate_pass():
    T.valid(
        Case(panels={"estimates": [{"name": "dau", "expr": "50M"}, {"name": "q", "expr": "dau / 86400 s"}]})
    )


def test_broken_row_points_at_itself():
    T.invalid(
        Case(
            panels={"estimates": [{"name": "dau", "expr": "50M"}, {"name": "q", "expr": "daus * 2"}]},
            findings=[("broken", {"name": "q"}, (("panel", "estimates[1]"),))],
            outcome=0.5,
        )
    )


def test_no_estimates_fails():
    T.invalid(Case(findings=[("none", None, None)]))
