import pytest

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


@pytest.mark.parametrize("peak_name", ["max_qps", "maximum_write_qps", "busiest_hour_qps", "spike_qps"])
def test_a_peak_called_by_another_name_is_the_peak(peak_name):
    # the capacity check already read these as the peak; this one found no peak to compare
    rows = [{"name": "avg_qps", "expr": "10K / s"}, {"name": peak_name, "expr": "avg_qps * 3"}]
    T.valid(Case(panels={"estimates": rows}))
    findings, _, _ = T.outcome(Case(panels={"estimates": rows}))
    assert findings[0].data["peak"] == peak_name and findings[0].data["average"] == "avg_qps"


def test_what_one_server_takes_is_neither_the_peak_nor_the_average():
    rows = [
        {"name": "write_qps", "expr": "10K / s"},
        {"name": "max_qps_per_server", "expr": "1K / s"},
        {"name": "peak_write_qps", "expr": "write_qps * 3"},
    ]
    findings, _, _ = T.outcome(Case(panels={"estimates": rows}))
    assert [(f.message, f.data["peak"], f.data["average"]) for f in findings] == [
        ("consistent", "peak_write_qps", "write_qps")
    ]


@pytest.mark.parametrize(
    "peak_name", ["busy_hour_rps", "rush_hour_qps", "burst_qps", "worst_case_qps", "surge qps"]
)
def test_a_peak_called_as_traffic_engineers_call_it_is_the_peak(peak_name):
    rows = [{"name": "qps", "expr": "10K / s"}, {"name": peak_name, "expr": "qps * 3"}]
    findings, _, _ = T.outcome(Case(panels={"estimates": rows}))
    assert [(f.message, f.data["peak"], f.data["average"]) for f in findings] == [
        ("consistent", peak_name, "qps")
    ]


@pytest.mark.parametrize("average_name", ["msgs/s", "Messages sent / sec", "uploads_per_day", "Average load"])
def test_an_average_under_a_name_not_listed_is_the_average(average_name):
    """A rate that is not the peak is the average it goes with when no rate carries a listed name:
    the check found no pair and counted it against the candidate."""
    rows = [{"name": average_name, "expr": "1B / 86400 s"}, {"name": "Peak", "expr": "3 * 1B / 86400 s"}]
    findings, _, _ = T.outcome(Case(panels={"estimates": rows}))
    assert [(f.message, f.data["average"]) for f in findings] == [("consistent", average_name)]
