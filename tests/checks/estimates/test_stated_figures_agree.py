from tests.checks.tester import Case, CheckTester

T = CheckTester("estimates.stated_figures_agree")


def est(stated):
    return {
        "estimates": [
            {"name": "q", "expr": "1B / 86400 s", "unit": "1/s", "stated": stated},
            {"name": "p", "expr": "q * 2", "unit": "1/s", "stated": "24K/s"},
        ]
    }


def test_rounded_figures_pass():
    T.valid(Case(panels=est("12K/s")))
    T.valid(Case(panels=est("10K")))  # 86,400 ≈ 10^5


def test_a_10x_slip_is_caught():
    T.invalid(
        Case(
            panels=est("120K/s"),
            findings=[("disagrees", {"name": "q", "factor": "10"}, (("panel", "estimates[0]"),))],
            outcome=0.5,
        )
    )


def test_nothing_stated_is_not_assessable():
    T.invalid(Case(panels={"estimates": [{"name": "q", "expr": "1"}]}, outcome="not_assessable"))
