from tests.checks.tester import Case, CheckTester

T = CheckTester("estimates.consistency")


def est(peak):
    return {"estimates": [{"name": "write_qps", "expr": "1B / 86400 s"}, {"name": "peak_qps", "expr": peak}]}


def test_peak_two_to_three_times_average_passes():
    T.valid(Case(panels=est("write_qps * 2.5")))


def test_peak_below_average_and_far_above_fail():
    T.invalid(Case(panels=est("5K / s"), findings=[("peak_below", None, (("panel", "estimates[1]"),))]))
    T.invalid(Case(panels=est("write_qps * 50"), findings=[("peak_far", {"max": "10"}, None)]))


def test_no_pair_is_not_assessable():
    T.invalid(Case(panels={"estimates": [{"name": "dau", "expr": "5"}]}, outcome="not_assessable"))
